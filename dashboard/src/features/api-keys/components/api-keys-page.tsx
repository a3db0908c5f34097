import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { Card, ConfirmDialog, CopyButton, PageHeader, StatusBadge } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading, errorText } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useForm } from '@/lib/use-form';
import { useNow } from '@/lib/use-now';
import { API_KEY_SCOPES, type ApiKey } from '@/types/api';
import { createApiKeyInputSchema, useCreateApiKey, type CreatedApiKey } from '../api/create-api-key';
import { useApiKeys } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

/** How often the list re-reads the clock, so that a key turns "expired" while the page is open. */
const KEY_STATUS_REFRESH_MS = 30_000;

const SCOPE_LABELS: Record<(typeof API_KEY_SCOPES)[number], string> = {
  read_write: 'Read and write',
  read_only: 'Read only',
};

export function keyStatus(key: ApiKey, now: number): 'revoked' | 'expired' | 'active' {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && Date.parse(key.expires_at) <= now) return 'expired';
  return 'active';
}

/** The full key, shown once right after creation. It lives only in this component's state. */
export function RawKeyPanel({ created, onDismiss }: { created: CreatedApiKey; onDismiss: () => void }) {
  return (
    <div
      role="alert"
      data-testid="raw-key-panel"
      className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-inset ring-amber-300"
    >
      <p className="text-sm font-semibold text-amber-900">Copy this key now. It will not be shown again.</p>
      <p className="text-sm text-amber-900">
        Store it in your secret manager. LaaS keeps only a hash; if you lose it, revoke it and create another.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="raw-key"
          className="select-all break-all rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-amber-200"
        >
          {created.raw_key}
        </code>
        <CopyButton text={created.raw_key} testId="copy-raw-key" />
      </div>
      <Button variant="secondary" size="sm" onClick={onDismiss} data-testid="dismiss-raw-key">
        I have stored the key
      </Button>
    </div>
  );
}

function CreateApiKeyForm({
  ledgerId,
  onCreated,
  onCancel,
}: {
  ledgerId: string;
  onCreated: (key: CreatedApiKey) => void;
  onCancel: () => void;
}) {
  const create = useCreateApiKey(ledgerId);
  const form = useForm(createApiKeyInputSchema, {
    description: '',
    scope: 'read_write',
    expires_at: '',
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    create.mutate(input, { onSuccess: onCreated, onError: form.fail });
  }

  return (
    <form noValidate onSubmit={onSubmit} data-testid="api-key-form" className="space-y-3">
      <FormError message={form.errors.summary} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Description"
          name="description"
          placeholder="Checkout service (production)"
          value={form.values.description}
          onChange={(e) => form.set('description', e.target.value)}
          error={form.errors.fields.description}
        />
        <SelectField
          label="Scope"
          name="scope"
          value={form.values.scope}
          onChange={(e) => form.set('scope', e.target.value as (typeof API_KEY_SCOPES)[number])}
          error={form.errors.fields.scope}
        >
          {API_KEY_SCOPES.map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Expires (optional)"
          name="expires_at"
          type="datetime-local"
          value={form.values.expires_at}
          onChange={(e) => form.set('expires_at', e.target.value)}
          error={form.errors.fields.expires_at}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending} data-testid="api-key-submit">
          Create key
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export default function ApiKeysPage({ ledgerId }: { ledgerId: string }) {
  const keys = useApiKeys(ledgerId);
  const revoke = useRevokeApiKey(ledgerId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const now = useNow(KEY_STATUS_REFRESH_MS);

  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Keys let your services call the ledger API. Each key is shown once, when it is created."
        actions={
          creating || created ? null : (
            <Button onClick={() => setCreating(true)} data-testid="new-api-key">
              New API key
            </Button>
          )
        }
      />
      {created ? <RawKeyPanel created={created} onDismiss={() => setCreated(null)} /> : null}
      {creating ? (
        <Card title="New API key">
          <CreateApiKeyForm
            ledgerId={ledgerId}
            onCreated={(key) => {
              setCreating(false);
              setCreated(key);
            }}
            onCancel={() => setCreating(false)}
          />
        </Card>
      ) : null}
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet" />
      ) : (
        <Table testId="api-keys-table" caption="API keys">
          <thead>
            <tr>
              <Th>Prefix</Th>
              <Th>Description</Th>
              <Th>Scope</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.data.map((key) => {
              const status = keyStatus(key, now);
              return (
                <tr key={key.id} data-testid={`api-key-row-${key.prefix}`} data-status={status}>
                  <Td className="font-mono">{key.prefix}…</Td>
                  <Td>{key.description ?? '—'}</Td>
                  <Td>{SCOPE_LABELS[key.scope]}</Td>
                  <Td>
                    <StatusBadge status={status} testId="api-key-status" />
                  </Td>
                  <Td>{formatDateTime(key.created_at)}</Td>
                  <Td>{key.expires_at ? formatDateTime(key.expires_at) : 'never'}</Td>
                  <Td>{key.last_used_at ? formatDateTime(key.last_used_at) : 'never'}</Td>
                  <Td className="text-right">
                    {status === 'revoked' ? null : (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setRevoking(key)}
                        data-testid="revoke-api-key"
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke API key?"
        confirmLabel="Revoke key"
        danger
        busy={revoke.isPending}
        error={revoke.isError ? errorText(revoke.error) : null}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
        }}
      >
        {revoking
          ? `Calls with the key ${revoking.prefix}… will be refused from now on. This cannot be undone.`
          : null}
      </ConfirmDialog>
    </div>
  );
}
