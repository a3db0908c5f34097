import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { webhookEndpointSchema, type WebhookEndpoint } from '@/types/api';
import { webhookEndpointsQueryKey } from './get-webhook-endpoints';

/** Only the fields present change. */
export interface WebhookEndpointPatch {
  url?: string;
  description?: string;
  event_types?: string[];
  enabled?: boolean;
}

export function updateWebhookEndpoint(
  ledgerId: string,
  endpointId: string,
  patch: WebhookEndpointPatch,
): Promise<WebhookEndpoint> {
  return http.patch(`/api/ledgers/${seg(ledgerId)}/webhook-endpoints/${seg(endpointId)}`, patch, {
    schema: webhookEndpointSchema,
  });
}

export function useUpdateWebhookEndpoint(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ endpointId, patch }: { endpointId: string; patch: WebhookEndpointPatch }) =>
      updateWebhookEndpoint(ledgerId, endpointId, patch),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey(ledgerId) }),
  });
}
