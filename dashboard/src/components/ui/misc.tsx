import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { formatMoney } from '@/lib/money';
import { Button } from './button';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({
  title,
  children,
  testId,
  actions,
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
  actions?: ReactNode;
}) {
  return (
    <section data-testid={testId} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      {title || actions ? (
        <div className="mb-4 flex items-center justify-between gap-2">
          {title ? <h2 className="text-base font-semibold text-slate-900">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

const TONES = {
  green: 'bg-green-50 text-green-700 ring-green-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/20',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-600/20',
} as const;

const STATUS_TONES: Record<string, keyof typeof TONES> = {
  posted: 'green',
  succeeded: 'green',
  ok: 'green',
  balanced: 'green',
  active: 'green',
  enabled: 'green',
  pending: 'amber',
  unknown: 'slate',
  voided: 'slate',
  expired: 'slate',
  disabled: 'slate',
  reversed: 'indigo',
  revoked: 'red',
  failed: 'red',
  dead: 'red',
  drift: 'red',
  unbalanced: 'red',
};

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = TONES[STATUS_TONES[status] ?? 'slate'];
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}
    >
      {status}
    </span>
  );
}

/** A money amount, formatted from its decimal string without floating point. */
export function Money({ amount, currency, testId }: { amount: string; currency: string; testId?: string }) {
  const negative = amount.startsWith('-');
  return (
    <span
      data-testid={testId}
      data-amount={amount}
      className={`whitespace-nowrap tabular-nums ${negative ? 'text-red-700' : ''}`}
    >
      {formatMoney(amount, currency)}
    </span>
  );
}

export function CopyButton({
  text,
  label = 'Copy',
  testId,
}: {
  text: string;
  label?: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={() => void copy()} data-testid={testId}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy manually' : label}
    </Button>
  );
}

export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  if (!hasNextPage) return null;
  return (
    <div className="mt-4 flex justify-center">
      <Button
        variant="secondary"
        busy={isFetchingNextPage}
        onClick={() => void fetchNextPage()}
        data-testid="load-more"
      >
        Load more
      </Button>
    </div>
  );
}

export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre
      data-testid={testId}
      className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"
    >
      {JSON.stringify(value, null, 2) ?? 'null'}
    </pre>
  );
}

export function Notice({
  children,
  tone = 'green',
  testId,
}: {
  children: ReactNode;
  tone?: 'green' | 'amber';
  testId?: string;
}) {
  const colors =
    tone === 'green'
      ? 'bg-green-50 text-green-800 ring-green-200'
      : 'bg-amber-50 text-amber-900 ring-amber-200';
  return (
    <div role="status" data-testid={testId} className={`rounded-md p-3 text-sm ring-1 ring-inset ${colors}`}>
      {children}
    </div>
  );
}

/** A modal asking to confirm a consequential action (void, reverse, revoke, remove). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Rendered into <body> so that no parent's layout (spacing utilities, overflow) reaches the modal.
  return createPortal(
    <dialog
      ref={ref}
      aria-labelledby="confirm-dialog-title"
      data-testid="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="fixed inset-0 m-auto h-fit w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="p-5">
          <h2 id="confirm-dialog-title" className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
          {error ? (
            <p role="alert" data-testid="confirm-dialog-error" className="mt-3 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} disabled={busy} data-testid="confirm-cancel">
              Cancel
            </Button>
            <Button
              variant={danger ? 'danger' : 'primary'}
              onClick={onConfirm}
              busy={busy}
              data-testid="confirm-accept"
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>,
    document.body,
  );
}
