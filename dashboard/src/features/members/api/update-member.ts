import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import type { Role } from '@/types/api';
import { membersQueryKey } from './get-members';

export function updateMemberRole(orgId: string, userId: string, role: Role): Promise<void> {
  return http.patch(`/api/orgs/${seg(orgId)}/members/${seg(userId)}`, { role });
}

export function useUpdateMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => updateMemberRole(orgId, userId, role),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
