import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { accountSchema, type Account } from '@/types/api';
import { accountsQueryKey } from './get-accounts';

export const accountQueryKey = (ledgerId: string, code: string) =>
  [...accountsQueryKey(ledgerId), 'one', code] as const;

export function getAccount(ledgerId: string, code: string, signal?: AbortSignal): Promise<Account> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/accounts/${seg(code)}`, { schema: accountSchema, signal });
}

export const accountQueryOptions = (ledgerId: string, code: string) =>
  queryOptions({
    queryKey: accountQueryKey(ledgerId, code),
    queryFn: ({ signal }) => getAccount(ledgerId, code, signal),
  });

export function useAccount(ledgerId: string, code: string) {
  return useQuery(accountQueryOptions(ledgerId, code));
}
