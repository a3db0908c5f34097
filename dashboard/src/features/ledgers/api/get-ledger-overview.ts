import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { decimalString, transactionSchema } from '@/types/api';

/**
 * What the overview shows of a recent transaction. The server sends a summary here, not the whole transaction
 * (no recorded_at, metadata or external_id), so only these fields are required.
 */
export const recentTransactionSchema = transactionSchema.pick({
  id: true,
  sequence: true,
  description: true,
  status: true,
  occurred_at: true,
  postings: true,
});
export type RecentTransaction = z.infer<typeof recentTransactionSchema>;

export const overviewSchema = z.object({
  totals: z.array(z.object({ currency: z.string(), debits: decimalString, credits: decimalString })),
  drift: z.object({ status: z.enum(['ok', 'drift', 'unknown']), checked_at: z.string().nullish() }),
  projection_lag_ms: z.number().nullish(),
  last_sequence: z.number().int().nullish(),
  projected_sequence: z.number().int().nullish(),
  recent_transactions: z.array(recentTransactionSchema),
});
export type LedgerOverview = z.infer<typeof overviewSchema>;

export const overviewQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'overview'] as const;

export function getLedgerOverview(ledgerId: string, signal?: AbortSignal): Promise<LedgerOverview> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/overview`, { schema: overviewSchema, signal });
}

export const ledgerOverviewQueryOptions = (ledgerId: string) =>
  queryOptions({
    queryKey: overviewQueryKey(ledgerId),
    queryFn: ({ signal }) => getLedgerOverview(ledgerId, signal),
    refetchInterval: 15_000,
  });

export function useLedgerOverview(ledgerId: string) {
  return useQuery(ledgerOverviewQueryOptions(ledgerId));
}
