import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { webhooksQueryKey } from './get-webhook-endpoints';

export function redeliverWebhook(ledgerId: string, deliveryId: string): Promise<void> {
  return http.post(`/api/ledgers/${seg(ledgerId)}/webhook-deliveries/${seg(deliveryId)}/redeliver`);
}

export function useRedeliverWebhook(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => redeliverWebhook(ledgerId, deliveryId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...webhooksQueryKey(ledgerId), 'deliveries'] }),
  });
}
