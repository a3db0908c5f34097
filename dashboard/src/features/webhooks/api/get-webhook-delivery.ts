import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';
import { deliveryAttemptSchema, deliverySchema } from '@/types/api';
import { webhooksQueryKey } from './get-webhook-endpoints';

/** JSON text as the value it spells; anything else (including text that is not JSON) unchanged. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const deliveryDetailFields = deliverySchema
  .omit({ attempts: true })
  .extend({ attempts: z.array(deliveryAttemptSchema) });

/**
 * A delivery with its attempts spelled out (the list gives only their count). The server sends each attempt's
 * `request_headers` as JSON text and the request body once, as the delivery's `body` (JSON text), rather than per
 * attempt: both are read into the contract's shape here (every attempt sends the same body).
 */
export const deliveryDetailSchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== 'object') return raw;
  const delivery = raw as Record<string, unknown>;
  if (!Array.isArray(delivery.attempts)) return raw;
  const body = parsedJson(delivery.body);
  const attempts: unknown[] = delivery.attempts.map((item: unknown) => {
    if (item === null || typeof item !== 'object') return item;
    const attempt = item as Record<string, unknown>;
    return {
      ...attempt,
      request_headers: parsedJson(attempt.request_headers),
      request_body: attempt.request_body ?? body,
    };
  });
  return { ...delivery, attempts };
}, deliveryDetailFields);
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
