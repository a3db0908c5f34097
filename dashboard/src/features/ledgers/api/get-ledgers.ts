import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { ledgerSchema, list, type Ledger } from '@/types/api';

export const ledgersQueryKey = (orgId: string) => ['orgs', orgId, 'ledgers'] as const;

export async function getLedgers(orgId: string, signal?: AbortSignal): Promise<Ledger[]> {
  const page = await http.get('/api/ledgers', {
    query: { org_id: orgId },
    schema: list(ledgerSchema),
    signal,
  });
  return page.data;
}

export const ledgersQueryOptions = (orgId: string) =>
  queryOptions({ queryKey: ledgersQueryKey(orgId), queryFn: ({ signal }) => getLedgers(orgId, signal) });

export function useLedgers(orgId: string) {
  return useQuery(ledgersQueryOptions(orgId));
}
