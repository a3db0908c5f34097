import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { deliverySchema, page, type Delivery, type Page } from '@/types/api';
import { webhooksQueryKey } from './get-webhook-endpoints';

export interface DeliveryFilters {
  endpoint_id?: string | undefined;
  status?: string | undefined;
}

export function getWebhookDeliveries(
  ledgerId: string,
  filters: DeliveryFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<Delivery>> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/webhook-deliveries`, {
    query: { ...filters, cursor },
    schema: page(deliverySchema),
    signal,
  });
}

export const webhookDeliveriesQueryOptions = (ledgerId: string, filters: DeliveryFilters) =>
  infiniteQueryOptions({
    queryKey: [...webhooksQueryKey(ledgerId), 'deliveries', 'list', filters],
    queryFn: ({ pageParam, signal }) => getWebhookDeliveries(ledgerId, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // While a changed filter loads, the previous rows stay instead of a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

export function useWebhookDeliveries(ledgerId: string, filters: DeliveryFilters = {}) {
  return useInfiniteQuery(webhookDeliveriesQueryOptions(ledgerId, filters));
}
