import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { membersQueryKey } from './get-members';

export function cancelInvitation(orgId: string, invitationId: string): Promise<void> {
  return http.delete(`/api/orgs/${seg(orgId)}/invitations/${seg(invitationId)}`);
}

export function useCancelInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => cancelInvitation(orgId, invitationId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
