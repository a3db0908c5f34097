import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useForm } from '@/lib/use-form';
import { EVENT_TYPES } from '@/types/api';
import { webhookEndpointInputSchema, type WebhookEndpointInput } from '../api/create-webhook-endpoint';

type EventType = (typeof EVENT_TYPES)[number];

export function WebhookEndpointForm({
  initial,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  testId,
}: {
  initial: { url: string; description: string; event_types: EventType[] };
  submitLabel: string;
  busy: boolean;
  /** Receives the checked input and a callback that places the server's problem on the form. */
  onSubmit: (input: WebhookEndpointInput, fail: (error: unknown) => void) => void;
  onCancel: () => void;
  testId: string;
}) {
  const form = useForm(webhookEndpointInputSchema, initial, ['url', 'description', 'event_types[]']);

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (input) onSubmit(input, form.fail);
  }

  function toggle(type: EventType, on: boolean) {
    form.set(
      'event_types',
      on ? [...form.values.event_types, type] : form.values.event_types.filter((t) => t !== type),
    );
  }

  return (
    <form noValidate onSubmit={submit} data-testid={testId} className="space-y-3">
      <FormError message={form.errors.summary} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="URL"
          name="url"
          type="url"
          placeholder="https://example.com/hooks/laas"
          value={form.values.url}
          onChange={(e) => form.set('url', e.target.value)}
          error={form.errors.fields.url}
        />
        <TextField
          label="Description"
          name="description"
          value={form.values.description}
          onChange={(e) => form.set('description', e.target.value)}
          error={form.errors.fields.description}
        />
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Event types</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 font-mono text-xs text-slate-700">
              <input
                type="checkbox"
                name="event_types"
                value={type}
                checked={form.values.event_types.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
              />
              {type}
            </label>
          ))}
        </div>
        {form.errors.fields.event_types ? (
          <p className="mt-1 text-xs text-red-600" data-testid="field-error-event_types">
            {form.errors.fields.event_types}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" busy={busy} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
