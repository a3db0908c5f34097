import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { apiKeySchema, list, type ApiKey } from '@/types/api';

export const apiKeysQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'api-keys'] as const;

export async function getApiKeys(ledgerId: string, signal?: AbortSignal): Promise<ApiKey[]> {
  const answer = await http.get(`/api/ledgers/${seg(ledgerId)}/api-keys`, {
    schema: list(apiKeySchema),
    signal,
  });
  return answer.data;
}

export const apiKeysQueryOptions = (ledgerId: string) =>
  queryOptions({
    queryKey: apiKeysQueryKey(ledgerId),
    queryFn: ({ signal }) => getApiKeys(ledgerId, signal),
  });

export function useApiKeys(ledgerId: string) {
  return useQuery(apiKeysQueryOptions(ledgerId));
}
