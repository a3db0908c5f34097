import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { API_KEY_SCOPES, apiKeySchema } from '@/types/api';
import { apiKeysQueryKey } from './get-api-keys';

export const createApiKeyInputSchema = z.object({
  description: z.string().trim().min(1, 'Say what the key is for').max(200, 'Use at most 200 characters'),
  scope: z.enum(API_KEY_SCOPES),
  /** A datetime-local value; sent as an ISO instant, or left out for a key that does not expire. */
  expires_at: z.string().transform((value, ctx) => {
    if (value === '') return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Enter a date and time' });
      return z.NEVER;
    }
    if (date.getTime() <= Date.now()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Choose a moment in the future' });
      return z.NEVER;
    }
    return date.toISOString();
  }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

/** The one answer that holds the full key: it is never shown again. */
export const createdApiKeySchema = apiKeySchema.extend({ raw_key: z.string().min(1) });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export function createApiKey(ledgerId: string, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const { expires_at, ...rest } = input;
  return http.post(`/api/ledgers/${seg(ledgerId)}/api-keys`, expires_at ? { ...rest, expires_at } : rest, {
    schema: createdApiKeySchema,
  });
}

export function useCreateApiKey(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => createApiKey(ledgerId, input),
    // The raw key is only in the mutation's result, never in the query cache.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(ledgerId) }),
  });
}
