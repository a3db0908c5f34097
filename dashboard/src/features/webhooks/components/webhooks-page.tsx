import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import {
  Card,
  ConfirmDialog,
  CopyButton,
  LoadMore,
  Notice,
  PageHeader,
  StatusBadge,
} from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading, errorText } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime, formatDurationMs, shortId } from '@/lib/format';
import { useSearchFilters } from '@/lib/use-search-filters';
import { DELIVERY_STATUSES, EVENT_TYPES, type WebhookEndpoint } from '@/types/api';
import { useCreateWebhookEndpoint } from '../api/create-webhook-endpoint';
import { useWebhookDeliveries } from '../api/get-webhook-deliveries';
import { useWebhookEndpoints } from '../api/get-webhook-endpoints';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';
import { useTestWebhookEndpoint } from '../api/test-webhook-endpoint';
import { useUpdateWebhookEndpoint } from '../api/update-webhook-endpoint';
import { WebhookEndpointForm } from './webhook-endpoint-form';

type EventType = (typeof EVENT_TYPES)[number];

const knownTypes = (types: readonly string[]): EventType[] =>
  types.filter((t): t is EventType => (EVENT_TYPES as readonly string[]).includes(t));

function SecretPanel({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <div
      role="alert"
      data-testid="webhook-secret-panel"
      className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-300"
    >
      <p className="text-sm font-semibold text-amber-900">
        Signing secret: copy it now, it will not be shown again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret"
          className="select-all break-all rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-amber-200"
        >
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <p className="text-xs text-amber-900">
        Verify each delivery's webhook-signature header with it (Standard Webhooks).
      </p>
      <Button variant="secondary" size="sm" onClick={onDismiss}>
        I have stored the secret
      </Button>
    </div>
  );
}

function EndpointCard({
  ledgerId,
  endpoint,
  onSecret,
}: {
  ledgerId: string;
  endpoint: WebhookEndpoint;
  onSecret: (secret: string) => void;
}) {
  const update = useUpdateWebhookEndpoint(ledgerId);
  const rotate = useRotateWebhookSecret(ledgerId);
  const test = useTestWebhookEndpoint(ledgerId);
  const [editing, setEditing] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);

  return (
    <li
      data-testid={`webhook-endpoint-${endpoint.id}`}
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      {editing ? (
        <WebhookEndpointForm
          testId="webhook-edit-form"
          initial={{
            url: endpoint.url,
            description: endpoint.description ?? '',
            event_types: knownTypes(endpoint.event_types),
          }}
          submitLabel="Save"
          busy={update.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={(patch, fail) =>
            update.mutate(
              { endpointId: endpoint.id, patch },
              { onSuccess: () => setEditing(false), onError: fail },
            )
          }
        />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="break-all font-mono text-sm font-medium">{endpoint.url}</p>
            {endpoint.description ? <p className="text-sm text-slate-500">{endpoint.description}</p> : null}
            <p className="mt-1 font-mono text-xs text-slate-500">{endpoint.event_types.join(', ')}</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
            <Button
              size="sm"
              variant="secondary"
              busy={update.isPending}
              onClick={() =>
                update.mutate({ endpointId: endpoint.id, patch: { enabled: !endpoint.enabled } })
              }
              data-testid="webhook-toggle"
            >
              {endpoint.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="secondary"
              busy={test.isPending}
              onClick={() => test.mutate(endpoint.id)}
              data-testid="webhook-test"
            >
              Send test event
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setConfirmRotate(true)}
              data-testid="webhook-rotate"
            >
              Rotate secret
            </Button>
          </div>
        </div>
      )}
      {test.isSuccess ? (
        <p className="mt-2 text-xs text-green-700">Test event queued; see the deliveries below.</p>
      ) : null}
      {test.isError ? <p className="mt-2 text-xs text-red-700">{errorText(test.error)}</p> : null}
      {update.isError && !editing ? (
        <p className="mt-2 text-xs text-red-700">{errorText(update.error)}</p>
      ) : null}
      <ConfirmDialog
        open={confirmRotate}
        title="Rotate the signing secret?"
        confirmLabel="Rotate"
        danger
        busy={rotate.isPending}
        error={rotate.isError ? errorText(rotate.error) : null}
        onCancel={() => {
          setConfirmRotate(false);
          rotate.reset();
        }}
        onConfirm={() =>
          rotate.mutate(endpoint.id, {
            onSuccess: (answer) => {
              setConfirmRotate(false);
              onSecret(answer.secret);
            },
          })
        }
      >
        Deliveries are signed with the new secret from now on; update your receiver before the next event.
      </ConfirmDialog>
    </li>
  );
}

function Deliveries({ ledgerId, endpoints }: { ledgerId: string; endpoints: readonly WebhookEndpoint[] }) {
  const [filters, setFilters] = useSearchFilters(['endpoint_id', 'status'] as const);
  const deliveries = useWebhookDeliveries(ledgerId, filters);
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];
  const urlOf = (id: string) => endpoints.find((e) => e.id === id)?.url ?? shortId(id);
  return (
    <Card title="Deliveries" testId="webhook-deliveries">
      <div role="search" className="mb-4 flex flex-wrap gap-3">
        <SelectField
          label="Endpoint"
          name="endpoint_id"
          value={filters.endpoint_id ?? ''}
          onChange={(e) => setFilters({ endpoint_id: e.target.value })}
        >
          <option value="">All endpoints</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.url}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Status"
          name="delivery_status"
          value={filters.status ?? ''}
          onChange={(e) => setFilters({ status: e.target.value })}
        >
          <option value="">Any status</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
      </div>
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No deliveries yet" />
      ) : (
        <>
          <Table testId="deliveries-table" caption="Webhook deliveries">
            <thead>
              <tr>
                <Th>Event</Th>
                <Th>Endpoint</Th>
                <Th>Status</Th>
                <Th className="text-right">Attempts</Th>
                <Th>Last answer</Th>
                <Th>Next attempt</Th>
                <Th>Created</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((d) => (
                <tr
                  key={d.id}
                  data-testid={`delivery-row-${d.id}`}
                  data-status={d.status}
                  data-event-type={d.event_type}
                >
                  <Td>
                    <Link
                      to={`/ledgers/${ledgerId}/webhooks/deliveries/${d.id}`}
                      className="font-mono text-xs text-indigo-600 hover:underline"
                    >
                      {d.event_type}
                    </Link>
                  </Td>
                  <Td className="max-w-xs truncate font-mono text-xs">{urlOf(d.endpoint_id)}</Td>
                  <Td>
                    <StatusBadge status={d.status} />
                  </Td>
                  <Td className="text-right">{d.attempts}</Td>
                  <Td>
                    {d.last_status_code ?? '—'}{' '}
                    {d.last_latency_ms != null ? (
                      <span className="text-xs text-slate-400">({formatDurationMs(d.last_latency_ms)})</span>
                    ) : null}
                  </Td>
                  <Td>{formatDateTime(d.next_attempt_at)}</Td>
                  <Td>{formatDateTime(d.created_at)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore
            hasNextPage={deliveries.hasNextPage}
            isFetchingNextPage={deliveries.isFetchingNextPage}
            fetchNextPage={deliveries.fetchNextPage}
          />
        </>
      )}
    </Card>
  );
}

export default function WebhooksPage({ ledgerId }: { ledgerId: string }) {
  const endpoints = useWebhookEndpoints(ledgerId);
  const create = useCreateWebhookEndpoint(ledgerId);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [created, setCreated] = useState(false);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="LaaS sends each event to your endpoints, signed per Standard Webhooks, and retries failures."
        actions={
          creating ? null : (
            <Button onClick={() => setCreating(true)} data-testid="new-webhook">
              New endpoint
            </Button>
          )
        }
      />
      {secret ? <SecretPanel secret={secret} onDismiss={() => setSecret(null)} /> : null}
      {created && !secret ? <Notice testId="webhook-created">Endpoint added.</Notice> : null}
      {creating ? (
        <Card title="New endpoint">
          <WebhookEndpointForm
            testId="webhook-form"
            initial={{ url: '', description: '', event_types: ['transaction.posted'] }}
            submitLabel="Add endpoint"
            busy={create.isPending}
            onCancel={() => setCreating(false)}
            onSubmit={(input, fail) =>
              create.mutate(input, {
                onSuccess: (endpoint) => {
                  setCreating(false);
                  setCreated(true);
                  if (endpoint.secret) setSecret(endpoint.secret);
                },
                onError: fail,
              })
            }
          />
        </Card>
      ) : null}
      {endpoints.isPending ? (
        <Loading />
      ) : endpoints.isError ? (
        <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
      ) : (
        <>
          {endpoints.data.length === 0 ? (
            <EmptyState title="No webhook endpoints yet">
              Add an endpoint to be told about postings as they happen.
            </EmptyState>
          ) : (
            <ul className="space-y-3" data-testid="webhook-endpoints">
              {endpoints.data.map((endpoint) => (
                <EndpointCard
                  key={endpoint.id}
                  ledgerId={ledgerId}
                  endpoint={endpoint}
                  onSecret={setSecret}
                />
              ))}
            </ul>
          )}
          <Deliveries ledgerId={ledgerId} endpoints={endpoints.data} />
        </>
      )}
    </div>
  );
}
