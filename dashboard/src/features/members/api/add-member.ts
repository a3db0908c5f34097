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

/** 201 `added` when the e-mail has a LaaS user; 202 `invited` when it has none yet (the invitation waits for them). */
export const addMemberResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('added'), user_id: z.string(), email: z.string(), role: roleSchema }),
  z.object({
    status: z.literal('invited'),
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    expires_at: z.string(),
  }),
]);
export type AddMemberResult = z.infer<typeof addMemberResultSchema>;

export function addMember(orgId: string, input: AddMemberInput): Promise<AddMemberResult> {
  return http.post(`/api/orgs/${seg(orgId)}/members`, input, { schema: addMemberResultSchema });
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddMemberInput) => addMember(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
