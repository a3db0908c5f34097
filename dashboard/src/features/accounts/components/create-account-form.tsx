import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { useForm } from '@/lib/use-form';
import { ACCOUNT_FLAGS, ACCOUNT_TYPES } from '@/types/api';
import { createAccountInputSchema, useCreateAccount } from '../api/create-account';

type Flag = (typeof ACCOUNT_FLAGS)[number];

const FLAG_LABELS: Record<Flag, string> = {
  debits_must_not_exceed_credits: 'Debits must not exceed credits (cannot go below zero as a liability)',
  credits_must_not_exceed_debits: 'Credits must not exceed debits (cannot go below zero as an asset)',
};

export function CreateAccountForm({
  ledgerId,
  defaultCurrency,
  onDone,
}: {
  ledgerId: string;
  defaultCurrency: string;
  onDone: () => void;
}) {
  const create = useCreateAccount(ledgerId);
  const form = useForm(
    createAccountInputSchema,
    { code: '', name: '', type: 'asset', currency: defaultCurrency, parent_code: '', flags: [] as Flag[] },
    ['code', 'name', 'type', 'currency', 'parent_code', 'flags[]'],
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    create.mutate(input, { onSuccess: onDone, onError: form.fail });
  }

  function toggleFlag(flag: Flag, on: boolean) {
    form.set('flags', on ? [...form.values.flags, flag] : form.values.flags.filter((f) => f !== flag));
  }

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      data-testid="account-form"
      className="mb-6 space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <FormError message={form.errors.summary} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField
          label="Code"
          name="code"
          placeholder="assets:cash"
          value={form.values.code}
          onChange={(e) => form.set('code', e.target.value)}
          error={form.errors.fields.code}
        />
        <TextField
          label="Name"
          name="name"
          placeholder="Cash"
          value={form.values.name}
          onChange={(e) => form.set('name', e.target.value)}
          error={form.errors.fields.name}
        />
        <SelectField
          label="Type"
          name="type"
          value={form.values.type}
          onChange={(e) => form.set('type', e.target.value as (typeof ACCOUNT_TYPES)[number])}
          error={form.errors.fields.type}
        >
          {ACCOUNT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Currency"
          name="currency"
          maxLength={3}
          value={form.values.currency}
          onChange={(e) => form.set('currency', e.target.value.toUpperCase())}
          error={form.errors.fields.currency}
        />
        <TextField
          label="Parent account code (optional)"
          name="parent_code"
          value={form.values.parent_code}
          onChange={(e) => form.set('parent_code', e.target.value)}
          error={form.errors.fields.parent_code}
        />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Balance limits</legend>
        {ACCOUNT_FLAGS.map((flag) => (
          <label key={flag} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="flags"
              value={flag}
              checked={form.values.flags.includes(flag)}
              onChange={(e) => toggleFlag(flag, e.target.checked)}
            />
            {FLAG_LABELS[flag]}
          </label>
        ))}
        {form.errors.fields.flags ? <p className="text-xs text-red-600">{form.errors.fields.flags}</p> : null}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending} data-testid="account-submit">
          Create account
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
