import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { list, memberSchema, type Member } from '@/types/api';

export const membersQueryKey = (orgId: string) => ['orgs', orgId, 'members'] as const;

export async function getMembers(orgId: string, signal?: AbortSignal): Promise<Member[]> {
  const page = await http.get(`/api/orgs/${seg(orgId)}/members`, { schema: list(memberSchema), signal });
  return page.data;
}

export const membersQueryOptions = (orgId: string) =>
  queryOptions({ queryKey: membersQueryKey(orgId), queryFn: ({ signal }) => getMembers(orgId, signal) });

export function useMembers(orgId: string) {
  return useQuery(membersQueryOptions(orgId));
}
