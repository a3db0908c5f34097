import { useParams } from 'react-router-dom';
import { EmptyState } from '@/components/ui/states';
import MembersPage from '@/features/members/components/members-page';
import { useOrgs } from '../org-context';

export default function MembersRoute() {
  const { orgId = '' } = useParams();
  const { me, organizations } = useOrgs();
  const org = organizations.find((o) => o.id === orgId);
  if (!org) {
    return <EmptyState title="Organization not found">You are not a member of this organization.</EmptyState>;
  }
  return (
    <MembersPage
      key={org.id}
      orgId={org.id}
      orgName={org.name}
      canManage={org.role === 'owner'}
      currentUserId={me.user.id}
    />
  );
}
