import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { roleSchema } from '@/types/api';
import { membersQueryKey } from './get-members';

export const addMemberInputSchema = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  role: roleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberInputSchema>;

export function addMember(orgId: string, input: AddMemberInput): Promise<void> {
  return http.post(`/api/orgs/${seg(orgId)}/members`, input);
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddMemberInput) => addMember(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
