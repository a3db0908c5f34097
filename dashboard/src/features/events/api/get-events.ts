import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { ledgerEventSchema, page, type LedgerEvent, type Page } from '@/types/api';

export function getEvents(
  ledgerId: string,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<LedgerEvent>> {
  return http.get(`/api/ledgers/${seg(ledgerId)}/events`, {
    query: { cursor },
    schema: page(ledgerEventSchema),
    signal,
  });
}

export const eventsQueryOptions = (ledgerId: string) =>
  infiniteQueryOptions({
    queryKey: ['ledgers', ledgerId, 'events'],
    queryFn: ({ pageParam, signal }) => getEvents(ledgerId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useEvents(ledgerId: string) {
  return useInfiniteQuery(eventsQueryOptions(ledgerId));
}
