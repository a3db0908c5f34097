import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { isApiError } from '@/lib/problem';
import { shouldRetry } from '@/lib/query-client';
import { transactionSchema, type Transaction } from '@/types/api';
import { transactionsQueryKey } from './get-transactions';

export const transactionQueryKey = (ledgerId: string, txId: string) =>
  [...transactionsQueryKey(ledgerId), 'one', txId] as const;

export function getTransaction(ledgerId: string, txId: string, signal?: AbortSignal): Promise<Transaction> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/transactions/${seg(txId)}`, {
    schema: transactionSchema,
    signal,
  });
}

/** Tries a 404 again for a few seconds: a transaction just recorded reaches the read model a moment later. */
export const NOT_YET_PROJECTED_RETRIES_MAX = 8;

export const transactionQueryOptions = (ledgerId: string, txId: string) =>
  queryOptions({
    queryKey: transactionQueryKey(ledgerId, txId),
    queryFn: ({ signal }) => getTransaction(ledgerId, txId, signal),
    retry: (failureCount, error) =>
      isApiError(error) && error.status === 404
        ? failureCount < NOT_YET_PROJECTED_RETRIES_MAX
        : shouldRetry(failureCount, error),
    retryDelay: (attempt) => Math.min(250 * 2 ** attempt, 2_000),
  });

export function useTransaction(ledgerId: string, txId: string) {
  return useQuery(transactionQueryOptions(ledgerId, txId));
}
