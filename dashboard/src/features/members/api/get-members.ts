import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { memberSchema, roleSchema, type Member } from '@/types/api';

export const membersQueryKey = (orgId: string) => ['orgs', orgId, 'members'] as const;

/** An invitation of an e-mail that has no LaaS user yet; it is accepted when that person signs up or logs in. */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invited_by: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

const membersPageSchema = z.object({
  data: z.array(memberSchema),
  invitations: z.array(invitationSchema).default([]),
});

export interface MembersAndInvitations {
  members: Member[];
  /** Open (not accepted, not cancelled, not expired) invitations, oldest first. */
  invitations: Invitation[];
}

export async function getMembers(orgId: string, signal?: AbortSignal): Promise<MembersAndInvitations> {
  const page = await http.get(`/api/orgs/${seg(orgId)}/members`, { schema: membersPageSchema, signal });
  return { members: page.data, invitations: page.invitations };
}

export const membersQueryOptions = (orgId: string) =>
  queryOptions({ queryKey: membersQueryKey(orgId), queryFn: ({ signal }) => getMembers(orgId, signal) });

export function useMembers(orgId: string) {
  return useQuery(membersQueryOptions(orgId));
}
