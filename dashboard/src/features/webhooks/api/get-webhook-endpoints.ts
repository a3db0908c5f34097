import { queryOptions, useQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { list, webhookEndpointSchema, type WebhookEndpoint } from '@/types/api';

export const webhooksQueryKey = (ledgerId: string) => ['ledgers', ledgerId, 'webhooks'] as const;
export const webhookEndpointsQueryKey = (ledgerId: string) =>
  [...webhooksQueryKey(ledgerId), 'endpoints'] as const;

export async function getWebhookEndpoints(
  ledgerId: string,
  signal?: AbortSignal,
): Promise<WebhookEndpoint[]> {
  const answer = await http.get(`/api/ledgers/${seg(ledgerId)}/webhook-endpoints`, {
    schema: list(webhookEndpointSchema),
    signal,
  });
  return answer.data;
}

export const webhookEndpointsQueryOptions = (ledgerId: string) =>
  queryOptions({
    queryKey: webhookEndpointsQueryKey(ledgerId),
    queryFn: ({ signal }) => getWebhookEndpoints(ledgerId, signal),
  });

export function useWebhookEndpoints(ledgerId: string) {
  return useQuery(webhookEndpointsQueryOptions(ledgerId));
}
