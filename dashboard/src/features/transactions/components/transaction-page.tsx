import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { Card, ConfirmDialog, JsonView, Money, PageHeader, StatusBadge } from '@/components/ui/misc';
import { QueryState, errorText } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import type { Transaction } from '@/types/api';
import { useTransaction } from '../api/get-transaction';
import { useTransactionAction, type TransactionAction } from '../api/transaction-action';

const ACTIONS: Record<TransactionAction, { label: string; title: string; body: string; danger: boolean }> = {
  post: {
    label: 'Post',
    title: 'Post this pending transaction?',
    body: 'Its amounts move from pending to posted balances. This cannot be undone, only reversed.',
    danger: false,
  },
  void: {
    label: 'Void',
    title: 'Void this pending transaction?',
    body: 'Its pending amounts are released and it will never post.',
    danger: true,
  },
  reverse: {
    label: 'Reverse',
    title: 'Reverse this transaction?',
    body: 'A new transaction with every posting flipped is recorded; both stay in the history.',
    danger: true,
  },
};

function availableActions(tx: Transaction): TransactionAction[] {
  if (tx.status === 'pending') return ['post', 'void'];
  if (tx.status === 'posted' && !tx.reversed_by) return ['reverse'];
  return [];
}

function Details({ ledgerId, tx }: { ledgerId: string; tx: Transaction }) {
  const action = useTransactionAction(ledgerId, tx.id);
  const [confirming, setConfirming] = useState<TransactionAction | null>(null);
  const actions = availableActions(tx);
  const link = (id: string) => (
    <Link
      className="font-mono text-indigo-600 hover:underline"
      to={`/ledgers/${ledgerId}/transactions/${id}`}
    >
      {id}
    </Link>
  );

  return (
    <div className="space-y-6" data-testid="transaction-detail">
      <PageHeader
        title={tx.description || 'Transaction'}
        description={<span className="font-mono text-xs">{tx.id}</span>}
        actions={actions.map((a) => (
          <Button
            key={a}
            variant={ACTIONS[a].danger ? 'danger' : 'primary'}
            onClick={() => setConfirming(a)}
            data-testid={`transaction-${a}`}
          >
            {ACTIONS[a].label}
          </Button>
        ))}
      />
      <Card>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Status</dt>
          <dd>
            <StatusBadge status={tx.status} testId="transaction-status" />
          </dd>
          <dt className="text-slate-500">Sequence</dt>
          <dd>{tx.sequence}</dd>
          <dt className="text-slate-500">External ID</dt>
          <dd className="font-mono">{tx.external_id ?? '—'}</dd>
          <dt className="text-slate-500">Occurred</dt>
          <dd>{formatDateTime(tx.occurred_at)}</dd>
          <dt className="text-slate-500">Recorded</dt>
          <dd>{formatDateTime(tx.recorded_at)}</dd>
          {tx.reverses ? (
            <>
              <dt className="text-slate-500">Reverses</dt>
              <dd>{link(tx.reverses)}</dd>
            </>
          ) : null}
          {tx.reversed_by ? (
            <>
              <dt className="text-slate-500">Reversed by</dt>
              <dd>{link(tx.reversed_by)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Table testId="postings-table" caption="Postings">
        <thead>
          <tr>
            <Th>Account</Th>
            <Th className="text-right">Debit</Th>
            <Th className="text-right">Credit</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tx.postings.map((p, i) => (
            <tr key={`${p.account_code}-${i}`}>
              <Td>
                <Link
                  className="font-mono text-indigo-600 hover:underline"
                  to={`/ledgers/${ledgerId}/accounts/${encodeURIComponent(p.account_code)}`}
                >
                  {p.account_code}
                </Link>
              </Td>
              <Td className="text-right">
                {p.direction === 'debit' ? <Money amount={p.amount} currency={p.currency} /> : null}
              </Td>
              <Td className="text-right">
                {p.direction === 'credit' ? <Money amount={p.amount} currency={p.currency} /> : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {tx.history && tx.history.length > 0 ? (
        <Card title="Status history">
          <ol data-testid="status-history" className="space-y-1 text-sm">
            {tx.history.map((h) => (
              <li key={h.sequence} className="flex gap-3">
                <span className="font-mono text-slate-500">#{h.sequence}</span>
                <span className="font-medium">{h.status}</span>
                <span className="text-slate-500">{h.recorded_at}</span>
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
      {tx.metadata && Object.keys(tx.metadata).length > 0 ? (
        <Card title="Metadata">
          <JsonView value={tx.metadata} />
        </Card>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? ACTIONS[confirming].title : ''}
        confirmLabel={confirming ? ACTIONS[confirming].label : ''}
        danger={confirming ? ACTIONS[confirming].danger : false}
        busy={action.isPending}
        error={action.isError ? errorText(action.error) : null}
        onCancel={() => {
          setConfirming(null);
          action.reset();
        }}
        onConfirm={() => {
          if (confirming) action.mutate(confirming, { onSuccess: () => setConfirming(null) });
        }}
      >
        {confirming ? ACTIONS[confirming].body : null}
      </ConfirmDialog>
    </div>
  );
}

export default function TransactionPage({ ledgerId, txId }: { ledgerId: string; txId: string }) {
  const transaction = useTransaction(ledgerId, txId);
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/ledgers/${ledgerId}/transactions`} className="text-indigo-600 hover:underline">
          ← Transactions
        </Link>
      </p>
      <QueryState query={transaction}>{(tx) => <Details ledgerId={ledgerId} tx={tx} />}</QueryState>
    </div>
  );
}
