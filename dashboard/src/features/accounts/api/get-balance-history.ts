import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { balancePointSchema, list, type BalancePoint } from '@/types/api';
import { accountQueryKey } from './get-account';

export async function getBalanceHistory(
  ledgerId: string,
  code: string,
  signal?: AbortSignal,
): Promise<BalancePoint[]> {
  const answer = await http.get(`/api/ledgers/${seg(ledgerId)}/accounts/${seg(code)}/balance-history`, {
    schema: list(balancePointSchema),
    signal,
  });
  return answer.data;
}

export const balanceHistoryQueryOptions = (ledgerId: string, code: string) =>
  queryOptions({
    queryKey: [...accountQueryKey(ledgerId, code), 'balance-history'],
    queryFn: ({ signal }) => getBalanceHistory(ledgerId, code, signal),
  });

export function useBalanceHistory(ledgerId: string, code: string) {
  return useQuery(balanceHistoryQueryOptions(ledgerId, code));
}
