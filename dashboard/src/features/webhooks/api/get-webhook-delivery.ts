import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { deliveryAttemptSchema, deliverySchema } from '@/types/api';
import { webhooksQueryKey } from './get-webhook-endpoints';

/** A delivery with its attempts spelled out (the list gives only their count). */
export const deliveryDetailSchema = deliverySchema
  .omit({ attempts: true })
  .extend({ attempts: z.array(deliveryAttemptSchema) });
export type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;

export function getWebhookDelivery(
  ledgerId: string,
  deliveryId: string,
  signal?: AbortSignal,
): Promise<DeliveryDetail> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/webhook-deliveries/${seg(deliveryId)}`, {
    schema: deliveryDetailSchema,
    signal,
  });
}

export const webhookDeliveryQueryOptions = (ledgerId: string, deliveryId: string) =>
  queryOptions({
    queryKey: [...webhooksQueryKey(ledgerId), 'deliveries', 'one', deliveryId],
    queryFn: ({ signal }) => getWebhookDelivery(ledgerId, deliveryId, signal),
  });

export function useWebhookDelivery(ledgerId: string, deliveryId: string) {
  return useQuery(webhookDeliveryQueryOptions(ledgerId, deliveryId));
}
