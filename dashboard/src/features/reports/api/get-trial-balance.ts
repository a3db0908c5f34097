import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { decimalString, trialBalanceLineSchema } from '@/types/api';

export const trialBalanceSchema = z.object({
  /** The effective time asked for; null for "now". */
  as_of: z.string().nullish(),
  /** The ledger sequence the figures include. */
  as_of_sequence: z.number().int(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      accounts: z.array(trialBalanceLineSchema),
      total_debits: decimalString,
      total_credits: decimalString,
    }),
  ),
});
export type TrialBalance = z.infer<typeof trialBalanceSchema>;
export type TrialBalanceInCurrency = TrialBalance['currencies'][number];

export interface AsOfParams {
  /** RFC 3339 instant, inclusive; absent for "now". */
  as_of?: string | undefined;
}

export const reportsQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'reports'] as const;

export function getTrialBalance(
  ledgerId: string,
  params: AsOfParams,
  signal?: AbortSignal,
): Promise<TrialBalance> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/reports/trial-balance`, {
    query: { as_of: params.as_of },
    schema: trialBalanceSchema,
    signal,
  });
}

export const trialBalanceQueryOptions = (ledgerId: string, params: AsOfParams) =>
  queryOptions({
    queryKey: [...reportsQueryKey(ledgerId), 'trial-balance', params],
    queryFn: ({ signal }) => getTrialBalance(ledgerId, params, signal),
    // While another date loads, the previous figures stay instead of a spinner.
    placeholderData: keepPreviousData,
  });

export function useTrialBalance(ledgerId: string, params: AsOfParams, { enabled = true } = {}) {
  return useQuery({ ...trialBalanceQueryOptions(ledgerId, params), enabled });
}
