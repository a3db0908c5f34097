import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { EVENT_TYPES, webhookEndpointSchema, type WebhookEndpoint } from '@/types/api';
import { webhookEndpointsQueryKey } from './get-webhook-endpoints';

export const webhookUrlSchema = z
  .string()
  .trim()
  .url('Enter a full URL such as https://example.com/hooks/laas')
  .refine((u) => /^https?:\/\//i.test(u), 'Use an http or https URL');

export const webhookEndpointInputSchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200, 'Use at most 200 characters'),
  event_types: z.array(z.enum(EVENT_TYPES)).min(1, 'Choose at least one event type'),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInputSchema>;

/** The answer may carry the signing secret, which is shown once. */
export function createWebhookEndpoint(
  ledgerId: string,
  input: WebhookEndpointInput,
): Promise<WebhookEndpoint> {
  return http.post(`/api/ledgers/${seg(ledgerId)}/webhook-endpoints`, input, {
    schema: webhookEndpointSchema,
  });
}

export function useCreateWebhookEndpoint(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookEndpointInput) => createWebhookEndpoint(ledgerId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey(ledgerId) }),
  });
}
