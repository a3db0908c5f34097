import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { CURRENCY_CODE } from '@/lib/money';
import {
  ACCOUNT_CODE,
  ACCOUNT_CODE_MESSAGE,
  ACCOUNT_FLAGS,
  ACCOUNT_TYPES,
  accountSchema,
  type Account,
} from '@/types/api';
import { accountsQueryKey } from './get-accounts';

export const createAccountInputSchema = z.object({
  code: z.string().trim().regex(ACCOUNT_CODE, ACCOUNT_CODE_MESSAGE),
  name: z.string().trim().min(1, 'Name the account').max(200, 'Use at most 200 characters'),
  type: z.enum(ACCOUNT_TYPES, { errorMap: () => ({ message: 'Choose an account type' }) }),
  currency: z
    .string()
    .trim()
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(CURRENCY_CODE, 'Use a three-letter ISO 4217 code such as USD')),
  parent_code: z
    .string()
    .trim()
    .transform((c) => (c === '' ? undefined : c))
    .pipe(z.string().regex(ACCOUNT_CODE, ACCOUNT_CODE_MESSAGE).optional()),
  flags: z.array(z.enum(ACCOUNT_FLAGS)),
});
export type CreateAccountInput = z.infer<typeof createAccountInputSchema>;

export function createAccount(ledgerId: string, input: CreateAccountInput): Promise<Account> {
  const { parent_code, flags, ...rest } = input;
  const body = { ...rest, ...(parent_code ? { parent_code } : {}), ...(flags.length > 0 ? { flags } : {}) };
  return http.post(`/api/ledgers/${seg(ledgerId)}/accounts`, body, { schema: accountSchema });
}

export function useCreateAccount(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => createAccount(ledgerId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey(ledgerId) }),
  });
}
