import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http } from '@/lib/http';
import { CURRENCY_CODE } from '@/lib/money';
import { ledgerSchema, type Ledger } from '@/types/api';

export const createLedgerInputSchema = z.object({
  project_id: z.string().min(1, 'Choose a project'),
  name: z.string().trim().min(1, 'Name the ledger').max(200, 'Use at most 200 characters'),
  code: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,62}$/,
      "Use 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
    ),
  currency: z
    .string()
    .trim()
    .transform((c) => c.toUpperCase())
    .pipe(z.string().regex(CURRENCY_CODE, 'Use a three-letter ISO 4217 code such as USD')),
});
export type CreateLedgerInput = z.infer<typeof createLedgerInputSchema>;

export function createLedger(input: CreateLedgerInput): Promise<Ledger> {
  return http.post('/api/ledgers', input, { schema: ledgerSchema });
}

export function useCreateLedger(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLedger,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'ledgers'] }),
  });
}
