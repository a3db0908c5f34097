import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { Card } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useForm } from '@/lib/use-form';
import type { Project } from '@/types/api';
import { createLedgerInputSchema, useCreateLedger } from '../api/create-ledger';
import { useLedgers } from '../api/get-ledgers';

function CreateLedgerForm({
  orgId,
  projects,
  onDone,
}: {
  orgId: string;
  projects: readonly Project[];
  onDone: () => void;
}) {
  const create = useCreateLedger(orgId);
  const form = useForm(createLedgerInputSchema, {
    project_id: projects[0]?.id ?? '',
    name: '',
    code: '',
    currency: 'USD',
  });

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
      data-testid="ledger-form"
      className="mb-4 space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
    >
      <FormError message={form.errors.summary} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Project"
          name="project_id"
          value={form.values.project_id}
          onChange={(e) => form.set('project_id', e.target.value)}
          error={form.errors.fields.project_id}
        >
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Ledger name"
          name="name"
          value={form.values.name}
          onChange={(e) => form.set('name', e.target.value)}
          error={form.errors.fields.name}
        />
        <TextField
          label="Ledger code"
          name="code"
          value={form.values.code}
          onChange={(e) => form.set('code', e.target.value)}
          error={form.errors.fields.code}
        />
        <TextField
          label="Currency"
          name="currency"
          maxLength={3}
          hint="ISO 4217, e.g. USD, EUR, JPY."
          value={form.values.currency}
          onChange={(e) => form.set('currency', e.target.value.toUpperCase())}
          error={form.errors.fields.currency}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending} data-testid="ledger-submit">
          Create ledger
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The organization's ledgers, each linking to its own pages. */
export function LedgersPanel({ orgId, projects }: { orgId: string; projects: readonly Project[] }) {
  const ledgers = useLedgers(orgId);
  const [creating, setCreating] = useState(false);
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? '—';

  return (
    <Card
      title="Ledgers"
      testId="ledgers-panel"
      actions={
        creating ? null : (
          <Button
            size="sm"
            onClick={() => setCreating(true)}
            disabled={projects.length === 0}
            title={projects.length === 0 ? 'Create a project first' : undefined}
            data-testid="new-ledger"
          >
            New ledger
          </Button>
        )
      }
    >
      {creating && projects.length > 0 ? (
        <CreateLedgerForm orgId={orgId} projects={projects} onDone={() => setCreating(false)} />
      ) : null}
      {ledgers.isPending ? (
        <Loading />
      ) : ledgers.isError ? (
        <ErrorState error={ledgers.error} onRetry={() => void ledgers.refetch()} />
      ) : ledgers.data.length === 0 ? (
        <EmptyState title="No ledgers yet">
          {projects.length === 0
            ? 'Create a project, then a ledger in it.'
            : 'Create a ledger to start recording transactions.'}
        </EmptyState>
      ) : (
        <Table testId="ledgers-table" caption="Ledgers">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Code</Th>
              <Th>Project</Th>
              <Th>Currency</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ledgers.data.map((ledger) => (
              <tr key={ledger.id} data-testid={`ledger-row-${ledger.code}`}>
                <Td>
                  <Link
                    to={`/ledgers/${ledger.id}/overview`}
                    className="font-medium text-indigo-600 hover:underline"
                  >
                    {ledger.name}
                  </Link>
                </Td>
                <Td>
                  <code className="text-xs">{ledger.code}</code>
                </Td>
                <Td>{projectName(ledger.project_id)}</Td>
                <Td>{ledger.currency}</Td>
                <Td>{formatDateTime(ledger.created_at)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
