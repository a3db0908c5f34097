import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { decimalString, reportSectionSchema } from '@/types/api';
import { reportsQueryKey, type AsOfParams } from './get-trial-balance';

export const balanceSheetSchema = z.object({
  as_of: z.string().nullish(),
  as_of_sequence: z.number().int(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      assets: reportSectionSchema,
      liabilities: reportSectionSchema,
      equity: reportSectionSchema,
      /** Revenue minus expenses up to as_of. */
      retained_earnings: z.object({
        revenue: decimalString,
        expenses: decimalString,
        amount: decimalString,
      }),
      total_liabilities_and_equity: decimalString,
      /** Assets against liabilities + equity + retained earnings. */
      check: z.object({
        assets: decimalString,
        liabilities_equity_and_retained_earnings: decimalString,
        difference: decimalString,
        balanced: z.boolean(),
      }),
    }),
  ),
});
export type BalanceSheet = z.infer<typeof balanceSheetSchema>;
export type BalanceSheetInCurrency = BalanceSheet['currencies'][number];

export function getBalanceSheet(
  ledgerId: string,
  params: AsOfParams,
  signal?: AbortSignal,
): Promise<BalanceSheet> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/reports/balance-sheet`, {
    query: { as_of: params.as_of },
    schema: balanceSheetSchema,
    signal,
  });
}

export const balanceSheetQueryOptions = (ledgerId: string, params: AsOfParams) =>
  queryOptions({
    queryKey: [...reportsQueryKey(ledgerId), 'balance-sheet', params],
    queryFn: ({ signal }) => getBalanceSheet(ledgerId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useBalanceSheet(ledgerId: string, params: AsOfParams, { enabled = true } = {}) {
  return useQuery({ ...balanceSheetQueryOptions(ledgerId, params), enabled });
}
