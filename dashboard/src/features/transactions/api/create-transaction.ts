import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { amountProblem, checkBalance, CURRENCY_CODE } from '@/lib/money';
import { ACCOUNT_CODE, ACCOUNT_CODE_MESSAGE, directionSchema } from '@/types/api';

export const POSTINGS_PER_TRANSACTION_MAX = 100;
export const DESCRIPTION_LENGTH_MAX = 500;

export const postingInputSchema = z
  .object({
    account_code: z.string().trim().regex(ACCOUNT_CODE, ACCOUNT_CODE_MESSAGE),
    direction: directionSchema,
    amount: z.string().trim(),
    currency: z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .pipe(z.string().regex(CURRENCY_CODE, 'Use a three-letter code such as USD')),
  })
  .superRefine((posting, ctx) => {
    const problem = amountProblem(posting.amount, posting.currency);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['amount'], message: problem });
    }
  });
export type PostingInput = z.infer<typeof postingInputSchema>;

/** The form's check before submit; the server checks the same rules (DEBITS_NOT_EQUAL_CREDITS). */
export const createTransactionInputSchema = z
  .object({
    description: z.string().trim().max(DESCRIPTION_LENGTH_MAX, `Use at most ${DESCRIPTION_LENGTH_MAX} characters`),
    postings: z
      .array(postingInputSchema)
      .min(2, 'A transaction needs at least two postings')
      .max(POSTINGS_PER_TRANSACTION_MAX, `At most ${POSTINGS_PER_TRANSACTION_MAX} postings`),
  })
  .superRefine((tx, ctx) => {
    const check = checkBalance(tx.postings);
    const unbalanced = check.currencies.filter((c) => !c.balanced).map((c) => c.currency);
    if (check.incompleteCount === 0 && unbalanced.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['postings'],
        message: `Debits must equal credits in ${unbalanced.join(', ')}`,
      });
    }
  });
export type CreateTransactionInput = z.infer<typeof createTransactionInputSchema>;

export interface CreateTransactionBody extends CreateTransactionInput {
  idempotency_key: string;
}

/** The answer names the recorded transaction; the rest of it is read from the transaction's own page. */
const createdSchema = z.object({ id: z.string() }).passthrough();

export function createTransaction(ledgerId: string, body: CreateTransactionBody): Promise<{ id: string }> {
  return http.post(`/api/ledgers/${seg(ledgerId)}/transactions`, body, { schema: createdSchema });
}

export function useCreateTransaction(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTransactionBody) => createTransaction(ledgerId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ledgers', ledgerId] }),
  });
}
