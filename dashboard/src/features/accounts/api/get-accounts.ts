import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { accountSchema, page, type Account, type Page } from '@/types/api';

export const ACCOUNTS_PAGE_LIMIT = 50;

export interface AccountFilters {
  q?: string | undefined;
  type?: string | undefined;
  currency?: string | undefined;
}

export const accountsQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'accounts'] as const;

export function getAccounts(
  ledgerId: string,
  filters: AccountFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<Account>> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/accounts`, {
    query: { ...filters, cursor, limit: ACCOUNTS_PAGE_LIMIT },
    schema: page(accountSchema),
    signal,
  });
}

export const accountsQueryOptions = (ledgerId: string, filters: AccountFilters) =>
  infiniteQueryOptions({
    queryKey: [...accountsQueryKey(ledgerId), 'list', filters],
    queryFn: ({ pageParam, signal }) => getAccounts(ledgerId, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // While a changed filter loads, the previous rows stay instead of a spinner.
    placeholderData: keepPreviousData,
  });

export function useAccounts(ledgerId: string, filters: AccountFilters = {}) {
  return useInfiniteQuery(accountsQueryOptions(ledgerId, filters));
}
