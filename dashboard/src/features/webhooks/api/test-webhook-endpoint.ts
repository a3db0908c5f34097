import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { webhooksQueryKey } from './get-webhook-endpoints';

/** Queues a test event to the endpoint; it shows up among the deliveries. */
export function testWebhookEndpoint(ledgerId: string, endpointId: string): Promise<void> {
  return http.post(`/api/ledgers/${seg(ledgerId)}/webhook-endpoints/${seg(endpointId)}/test`);
}

export function useTestWebhookEndpoint(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) => testWebhookEndpoint(ledgerId, endpointId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...webhooksQueryKey(ledgerId), 'deliveries'] }),
  });
}
