import { PageHeader } from '@/components/ui/misc';
import { EmptyState } from '@/components/ui/states';
import { LedgersPanel } from '@/features/ledgers/components/ledgers-panel';
import { useProjects } from '@/features/projects/api/get-projects';
import { ProjectsPanel } from '@/features/projects/components/projects-panel';
import { useOrgs } from '../org-context';

function OrgLedgers({ orgId }: { orgId: string }) {
  const projects = useProjects(orgId);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <LedgersPanel orgId={orgId} projects={projects.data ?? []} />
      <ProjectsPanel orgId={orgId} />
    </div>
  );
}

export default function LedgersRoute() {
  const { selected } = useOrgs();
  return (
    <div>
      <PageHeader
        title="Ledgers"
        description={selected ? `Projects and ledgers of ${selected.name}.` : undefined}
      />
      {selected ? (
        <OrgLedgers key={selected.id} orgId={selected.id} />
      ) : (
        <EmptyState title="You do not belong to an organization">
          Ask an owner to add you, or sign up again to create one.
        </EmptyState>
      )}
    </div>
  );
}
