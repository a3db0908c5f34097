import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { membersQueryKey } from './get-members';

export function removeMember(orgId: string, userId: string): Promise<void> {
  return http.delete(`/api/orgs/${seg(orgId)}/members/${seg(userId)}`);
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember(orgId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
