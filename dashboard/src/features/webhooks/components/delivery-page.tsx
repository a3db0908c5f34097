import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { Card, JsonView, Notice, PageHeader, StatusBadge } from '@/components/ui/misc';
import { EmptyState, QueryState, errorText } from '@/components/ui/states';
import { formatDateTime, formatDurationMs } from '@/lib/format';
import { useWebhookDelivery } from '../api/get-webhook-delivery';
import { useRedeliverWebhook } from '../api/redeliver-webhook';

export default function DeliveryPage({ ledgerId, deliveryId }: { ledgerId: string; deliveryId: string }) {
  const delivery = useWebhookDelivery(ledgerId, deliveryId);
  const redeliver = useRedeliverWebhook(ledgerId);
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/ledgers/${ledgerId}/webhooks`} className="text-indigo-600 hover:underline">
          ← Webhooks
        </Link>
      </p>
      <QueryState query={delivery}>
        {(d) => (
          <div className="space-y-6" data-testid="delivery-detail">
            <PageHeader
              title={d.event_type}
              description={<span className="font-mono text-xs">event {d.event_id}</span>}
              actions={
                <Button
                  busy={redeliver.isPending}
                  onClick={() => redeliver.mutate(d.id)}
                  data-testid="redeliver"
                >
                  Redeliver
                </Button>
              }
            />
            {redeliver.isSuccess ? <Notice>Queued for another delivery.</Notice> : null}
            {redeliver.isError ? <p className="text-sm text-red-700">{errorText(redeliver.error)}</p> : null}
            <Card>
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <StatusBadge status={d.status} />
                </dd>
                <dt className="text-slate-500">Endpoint</dt>
                <dd className="font-mono text-xs">{d.endpoint_id}</dd>
                <dt className="text-slate-500">Created</dt>
                <dd>{formatDateTime(d.created_at)}</dd>
                <dt className="text-slate-500">Next attempt</dt>
                <dd>{formatDateTime(d.next_attempt_at)}</dd>
              </dl>
            </Card>
            <Card title={`Attempts (${d.attempts.length})`}>
              {d.attempts.length === 0 ? (
                <EmptyState title="Not attempted yet" />
              ) : (
                <ol className="space-y-4" data-testid="delivery-attempts">
                  {d.attempts.map((a, i) => (
                    <li key={`${a.at}-${i}`} className="rounded-md ring-1 ring-slate-200">
                      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2 text-sm">
                        <span className="font-semibold">#{i + 1}</span>
                        <span>{formatDateTime(a.at)}</span>
                        <span>status {a.status_code ?? '—'}</span>
                        <span>{formatDurationMs(a.latency_ms)}</span>
                        {a.error ? <span className="text-red-700">{a.error}</span> : null}
                      </div>
                      <details className="px-3 py-2 text-sm">
                        <summary className="cursor-pointer text-slate-600">Request and response</summary>
                        <div className="mt-2 space-y-2">
                          <p className="text-xs font-medium text-slate-500">Request headers</p>
                          <JsonView value={a.request_headers ?? {}} />
                          <p className="text-xs font-medium text-slate-500">Request body</p>
                          <JsonView value={a.request_body ?? null} />
                          <p className="text-xs font-medium text-slate-500">Response (excerpt)</p>
                          <pre className="max-h-48 overflow-auto rounded bg-slate-100 p-2 text-xs">
                            {a.response_excerpt ?? '—'}
                          </pre>
                        </div>
                      </details>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </div>
  );
}
