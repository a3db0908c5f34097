import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { meSchema, type Me } from '@/types/api';

export const meQueryKey = ['me'] as const;

export function getMe(signal?: AbortSignal): Promise<Me> {
  return http.get('/api/me', { schema: meSchema, signal });
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });

/** `enabled: false` skips the call (no session hint: the visitor goes to /login without a 401). */
export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...meQueryOptions(), enabled });
}
