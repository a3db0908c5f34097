import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { decimalString, reportSectionSchema } from '@/types/api';
import { reportsQueryKey } from './get-trial-balance';

export const incomeStatementSchema = z.object({
  /** The period, `from ≤ occurred_at < to`; null for an open end. */
  from: z.string().nullish(),
  to: z.string().nullish(),
  as_of_sequence: z.number().int(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      revenue: reportSectionSchema,
      expenses: reportSectionSchema,
      net_income: decimalString,
    }),
  ),
});
export type IncomeStatement = z.infer<typeof incomeStatementSchema>;
export type IncomeStatementInCurrency = IncomeStatement['currencies'][number];

export interface PeriodParams {
  /** RFC 3339 instants: `from` inclusive, `to` exclusive; either may be absent. */
  from?: string | undefined;
  to?: string | undefined;
}

export function getIncomeStatement(
  ledgerId: string,
  params: PeriodParams,
  signal?: AbortSignal,
): Promise<IncomeStatement> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/reports/income-statement`, {
    query: { from: params.from, to: params.to },
    schema: incomeStatementSchema,
    signal,
  });
}

export const incomeStatementQueryOptions = (ledgerId: string, params: PeriodParams) =>
  queryOptions({
    queryKey: [...reportsQueryKey(ledgerId), 'income-statement', params],
    queryFn: ({ signal }) => getIncomeStatement(ledgerId, params, signal),
    placeholderData: keepPreviousData,
  });

export function useIncomeStatement(ledgerId: string, params: PeriodParams, { enabled = true } = {}) {
  return useQuery({ ...incomeStatementQueryOptions(ledgerId, params), enabled });
}
