import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { decimalString, directionSchema, page, type Page } from '@/types/api';
import { accountQueryKey } from './get-account';

export const statementLineSchema = z.object({
  transaction_id: z.string(),
  sequence: z.number().int(),
  occurred_at: z.string(),
  direction: directionSchema,
  amount: decimalString,
  running_balance: decimalString,
  description: z.string().nullish(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

export function getAccountStatement(
  ledgerId: string,
  code: string,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<StatementLine>> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/accounts/${seg(code)}/statement`, {
    query: { cursor },
    schema: page(statementLineSchema),
    signal,
  });
}

export const accountStatementQueryOptions = (ledgerId: string, code: string) =>
  infiniteQueryOptions({
    queryKey: [...accountQueryKey(ledgerId, code), 'statement'],
    queryFn: ({ pageParam, signal }) => getAccountStatement(ledgerId, code, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useAccountStatement(ledgerId: string, code: string) {
  return useInfiniteQuery(accountStatementQueryOptions(ledgerId, code));
}
