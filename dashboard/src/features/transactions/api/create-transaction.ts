import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { amountProblem, checkBalance, CURRENCY_CODE } from '@/lib/money';
import {
  ACCOUNT_CODE,
  ACCOUNT_CODE_MESSAGE,
  directionSchema,
  transactionSchema,
  type Transaction,
} from '@/types/api';
import { transactionQueryKey } from './get-transaction';

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
    description: z
      .string()
      .trim()
      .max(DESCRIPTION_LENGTH_MAX, `Use at most ${DESCRIPTION_LENGTH_MAX} characters`),
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

/**
 * 201 with the recorded transaction (the same shape as GET .../transactions/{id}). Only its id is required here: the
 * rest, when present, seeds the transaction's page so that it shows before the read model has caught up.
 */
const createdSchema = z.object({ id: z.string() }).passthrough();

export async function createTransaction(
  ledgerId: string,
  body: CreateTransactionBody,
): Promise<{ id: string; transaction: Transaction | null }> {
  const answer = await http.post(`/api/ledgers/${seg(ledgerId)}/transactions`, body, {
    schema: createdSchema,
  });
  const full = transactionSchema.safeParse(answer);
  return { id: answer.id, transaction: full.success ? full.data : null };
}

export function useCreateTransaction(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTransactionBody) => createTransaction(ledgerId, body),
    onSuccess: ({ id, transaction }) => {
      // Balances, lists and the overview change; the new transaction itself is known from the answer.
      void queryClient.invalidateQueries({ queryKey: ['ledgers', ledgerId] });
      if (transaction) {
        queryClient.setQueryData(transactionQueryKey(ledgerId, id), transaction);
      }
    },
  });
}
