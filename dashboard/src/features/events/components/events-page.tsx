import { Fragment, useState } from 'react';
import { Button } from '@/components/ui/button';
import { JsonView, LoadMore, PageHeader } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useEvents } from '../api/get-events';

export default function EventsPage({ ledgerId }: { ledgerId: string }) {
  const events = useEvents(ledgerId);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];

  function toggle(id: string) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <div>
      <PageHeader
        title="Events"
        description="The ledger's event stream, the source of truth every balance is computed from."
      />
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <>
          <Table testId="events-table" caption="Events">
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Expand</span>
                </Th>
                <Th>#</Th>
                <Th>Type</Th>
                <Th>Aggregate</Th>
                <Th>Recorded</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((e) => {
                const expanded = open.has(e.event_id);
                return (
                  <Fragment key={e.event_id}>
                    <tr data-testid={`event-row-${e.sequence}`}>
                      <Td>
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-expanded={expanded}
                          aria-controls={`event-payload-${e.event_id}`}
                          aria-label={`${expanded ? 'Hide' : 'Show'} payload of event ${e.sequence}`}
                          onClick={() => toggle(e.event_id)}
                        >
                          {expanded ? '▾' : '▸'}
                        </Button>
                      </Td>
                      <Td>{e.sequence}</Td>
                      <Td className="font-mono text-xs">
                        {e.event_type} <span className="text-slate-400">v{e.schema_version}</span>
                      </Td>
                      <Td className="font-mono text-xs">
                        {e.aggregate_type}:{e.aggregate_id}
                      </Td>
                      <Td>{formatDateTime(e.recorded_at)}</Td>
                    </tr>
                    {expanded ? (
                      <tr id={`event-payload-${e.event_id}`}>
                        <td colSpan={5} className="px-3 pb-3">
                          <p className="mb-1 font-mono text-xs text-slate-500">event_id {e.event_id}</p>
                          <JsonView value={e.payload} testId={`event-payload-${e.sequence}`} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
          <LoadMore
            hasNextPage={events.hasNextPage}
            isFetchingNextPage={events.isFetchingNextPage}
            fetchNextPage={events.fetchNextPage}
          />
        </>
      )}
    </div>
  );
}
