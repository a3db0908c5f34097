import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { Card } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { useForm } from '@/lib/use-form';
import { createProjectInputSchema, useCreateProject } from '../api/create-project';
import { useProjects } from '../api/get-projects';

function CreateProjectForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const create = useCreateProject(orgId);
  const form = useForm(createProjectInputSchema, { name: '', code: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    create.mutate(input, { onSuccess: onDone, onError: form.fail });
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      data-testid="project-form"
      className="space-y-3 border-b border-slate-100 pb-4"
    >
      <FormError message={form.errors.summary} />
      <TextField
        label="Project name"
        name="name"
        value={form.values.name}
        onChange={(e) => form.set('name', e.target.value)}
        error={form.errors.fields.name}
      />
      <TextField
        label="Project code"
        name="code"
        hint="Lower-case letters, digits, '-' and '_'."
        value={form.values.code}
        onChange={(e) => form.set('code', e.target.value)}
        error={form.errors.fields.code}
      />
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending} data-testid="project-submit">
          Create project
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The organization's projects; a ledger belongs to one. */
export function ProjectsPanel({ orgId }: { orgId: string }) {
  const projects = useProjects(orgId);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="Projects"
      testId="projects-panel"
      actions={
        creating ? null : (
          <Button size="sm" variant="secondary" onClick={() => setCreating(true)} data-testid="new-project">
            New project
          </Button>
        )
      }
    >
      <div className="space-y-4">
        {creating ? <CreateProjectForm orgId={orgId} onDone={() => setCreating(false)} /> : null}
        {projects.isPending ? (
          <Loading />
        ) : projects.isError ? (
          <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        ) : projects.data.length === 0 ? (
          <EmptyState title="No projects yet">Create a project to hold your ledgers.</EmptyState>
        ) : (
          <ul data-testid="projects-list" className="divide-y divide-slate-100 text-sm">
            {projects.data.map((project) => (
              <li
                key={project.id}
                data-testid={`project-row-${project.code}`}
                className="flex justify-between py-2"
              >
                <span>
                  <span className="font-medium">{project.name}</span>{' '}
                  <code className="text-xs text-slate-500">{project.code}</code>
                </span>
                <span className="text-xs text-slate-400">{formatDateTime(project.created_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
