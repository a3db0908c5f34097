import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { page, transactionSchema, type Page, type Transaction } from '@/types/api';

export const TRANSACTIONS_PAGE_LIMIT = 50;

export interface TransactionFilters {
  account?: string | undefined;
  status?: string | undefined;
  external_id?: string | undefined;
  /** ISO 8601 instants, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export const transactionsQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'transactions'] as const;

export function getTransactions(
  ledgerId: string,
  filters: TransactionFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<Transaction>> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/transactions`, {
    query: { ...filters, cursor, limit: TRANSACTIONS_PAGE_LIMIT },
    schema: page(transactionSchema),
    signal,
  });
}

export const transactionsQueryOptions = (ledgerId: string, filters: TransactionFilters) =>
  infiniteQueryOptions({
    queryKey: [...transactionsQueryKey(ledgerId), 'list', filters],
    queryFn: ({ pageParam, signal }) => getTransactions(ledgerId, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // While a changed filter loads, the previous rows stay instead of a spinner.
    placeholderData: keepPreviousData,
  });

export function useTransactions(ledgerId: string, filters: TransactionFilters = {}) {
  return useInfiniteQuery(transactionsQueryOptions(ledgerId, filters));
}
