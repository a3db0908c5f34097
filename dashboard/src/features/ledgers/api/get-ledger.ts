import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { ledgerSchema, type Ledger } from '@/types/api';

export const ledgerQueryKey = (ledgerId: string) => ['ledgers', ledgerId] as const;

export function getLedger(ledgerId: string, signal?: AbortSignal): Promise<Ledger> {
  return http.get(`/api/ledgers/${seg(ledgerId)}`, { schema: ledgerSchema, signal });
}

export const ledgerQueryOptions = (ledgerId: string) =>
  queryOptions({
    queryKey: ledgerQueryKey(ledgerId),
    queryFn: ({ signal }) => getLedger(ledgerId, signal),
    staleTime: 60_000,
  });

export function useLedger(ledgerId: string) {
  return useQuery(ledgerQueryOptions(ledgerId));
}
