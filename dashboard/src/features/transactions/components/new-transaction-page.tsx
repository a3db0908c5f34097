import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { Card, PageHeader } from '@/components/ui/misc';
import { NO_ERRORS, submitErrors, zodFieldErrors, type SubmitErrors } from '@/lib/form-errors';
import { checkBalance, type Direction } from '@/lib/money';
import { uuidV4 } from '@/lib/uuid';
import {
  createTransactionInputSchema,
  POSTINGS_PER_TRANSACTION_MAX,
  useCreateTransaction,
} from '../api/create-transaction';
import { BalanceIndicator } from './balance-indicator';

/** An account the form can suggest; the app passes the ledger's accounts. */
export interface AccountOption {
  code: string;
  name: string;
  currency: string;
}

interface Line {
  key: number;
  account_code: string;
  direction: Direction;
  amount: string;
  currency: string;
}

export interface NewTransactionPageProps {
  ledgerId: string;
  defaultCurrency: string;
  accounts: readonly AccountOption[];
}

export default function NewTransactionPage({ ledgerId, defaultCurrency, accounts }: NewTransactionPageProps) {
  const navigate = useNavigate();
  const create = useCreateTransaction(ledgerId);
  const datalistId = useId();
  const nextKey = useRef(2);
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<Line[]>([
    { key: 0, account_code: '', direction: 'debit', amount: '', currency: defaultCurrency },
    { key: 1, account_code: '', direction: 'credit', amount: '', currency: defaultCurrency },
  ]);
  const [errors, setErrors] = useState<SubmitErrors>(NO_ERRORS);
  // One key per distinct request: a retry of the same body reuses it (the server answers the first result), an
  // edited body gets a new one (the server would refuse a reused key with another body).
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const check = useMemo(() => checkBalance(lines), [lines]);

  function update(key: number, patch: Partial<Omit<Line, 'key'>>) {
    setLines((current) =>
      current.map((line) => {
        if (line.key !== key) return line;
        const next = { ...line, ...patch };
        const code = patch.account_code?.trim();
        const account = code ? accounts.find((a) => a.code === code) : undefined;
        return account ? { ...next, currency: account.currency } : next;
      }),
    );
  }

  function addLine() {
    const last = lines[lines.length - 1];
    setLines((current) => [
      ...current,
      {
        key: nextKey.current++,
        account_code: '',
        direction: last?.direction === 'debit' ? 'credit' : 'debit',
        amount: '',
        currency: last?.currency ?? defaultCurrency,
      },
    ]);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = createTransactionInputSchema.safeParse({
      description,
      postings: lines.map(({ account_code, direction, amount, currency }) => ({
        account_code,
        direction,
        amount,
        currency,
      })),
    });
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error);
      setErrors({ fields, summary: fields.postings ?? null });
      return;
    }
    setErrors(NO_ERRORS);
    const body = JSON.stringify(parsed.data);
    if (!attempt.current || attempt.current.body !== body) {
      attempt.current = { key: uuidV4(), body };
    }
    create.mutate(
      { idempotency_key: attempt.current.key, ...parsed.data },
      {
        onSuccess: (created) => {
          attempt.current = null;
          navigate(`/ledgers/${ledgerId}/transactions/${created.id}`);
        },
        onError: (error) =>
          setErrors(
            submitErrors(error, [
              'description',
              'postings',
              ...lines.flatMap((_, i) =>
                ['account_code', 'direction', 'amount', 'currency'].map((f) => `postings[${i}].${f}`),
              ),
            ]),
          ),
      },
    );
  }

  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/ledgers/${ledgerId}/transactions`} className="text-indigo-600 hover:underline">
          ← Transactions
        </Link>
      </p>
      <PageHeader
        title="New transaction"
        description="Every transaction must balance: total debits equal total credits in each currency."
      />
      <form noValidate onSubmit={onSubmit} data-testid="transaction-form" className="space-y-5">
        <FormError message={errors.summary} />
        <Card>
          <TextField
            label="Description"
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={errors.fields.description}
          />
        </Card>
        <Card title="Postings">
          <datalist id={datalistId}>
            {accounts.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.currency})
              </option>
            ))}
          </datalist>
          <ol className="space-y-3" data-testid="posting-lines">
            {lines.map((line, index) => (
              <li
                key={line.key}
                data-testid={`posting-line-${index}`}
                className="grid items-start gap-3 sm:grid-cols-[1fr_8rem_10rem_6rem_auto]"
              >
                <TextField
                  label={`Posting ${index + 1} account`}
                  name={`postings[${index}].account_code`}
                  list={datalistId}
                  placeholder="Account code"
                  autoComplete="off"
                  value={line.account_code}
                  onChange={(e) => update(line.key, { account_code: e.target.value })}
                  error={errors.fields[`postings[${index}].account_code`]}
                />
                <SelectField
                  label={`Posting ${index + 1} direction`}
                  name={`postings[${index}].direction`}
                  value={line.direction}
                  onChange={(e) => update(line.key, { direction: e.target.value as Direction })}
                  error={errors.fields[`postings[${index}].direction`]}
                >
                  <option value="debit">debit</option>
                  <option value="credit">credit</option>
                </SelectField>
                <TextField
                  label={`Posting ${index + 1} amount`}
                  name={`postings[${index}].amount`}
                  inputMode="decimal"
                  placeholder="0.00"
                  autoComplete="off"
                  value={line.amount}
                  onChange={(e) => update(line.key, { amount: e.target.value })}
                  error={errors.fields[`postings[${index}].amount`]}
                />
                <TextField
                  label={`Posting ${index + 1} currency`}
                  name={`postings[${index}].currency`}
                  maxLength={3}
                  value={line.currency}
                  onChange={(e) => update(line.key, { currency: e.target.value.toUpperCase() })}
                  error={errors.fields[`postings[${index}].currency`]}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  className="sm:mt-7"
                  aria-label={`Remove posting ${index + 1}`}
                  disabled={lines.length <= 2}
                  onClick={() => setLines((current) => current.filter((l) => l.key !== line.key))}
                  data-testid={`remove-posting-${index}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ol>
          <Button
            variant="secondary"
            size="sm"
            className="mt-4"
            onClick={addLine}
            disabled={lines.length >= POSTINGS_PER_TRANSACTION_MAX}
            data-testid="add-posting"
          >
            Add posting
          </Button>
        </Card>
        <BalanceIndicator check={check} />
        <div className="flex gap-2">
          <Button type="submit" busy={create.isPending} data-testid="transaction-submit">
            Record transaction
          </Button>
          <Link
            to={`/ledgers/${ledgerId}/transactions`}
            className="rounded-md px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100"
          >
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}
