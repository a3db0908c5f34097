import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Money, PageHeader, StatusBadge } from '@/components/ui/misc';
import { EmptyState, QueryState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime, formatDurationMs } from '@/lib/format';
import { compareDecimals, sumDecimals } from '@/lib/money';
import { useLedgerOverview, type RecentTransaction } from '../api/get-ledger-overview';

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{children}</dd>
    </div>
  );
}

/** Debits of a transaction per currency, e.g. "$100.00" (a balanced transaction moves that much). */
function TransactionAmount({ tx }: { tx: RecentTransaction }) {
  const currencies = [...new Set(tx.postings.map((p) => p.currency))];
  return (
    <span className="flex flex-col">
      {currencies.map((currency) => (
        <Money
          key={currency}
          currency={currency}
          amount={sumDecimals(
            tx.postings
              .filter((p) => p.currency === currency && p.direction === 'debit')
              .map((p) => p.amount),
          )}
        />
      ))}
    </span>
  );
}

/**
 * `balanceOverTime` is the "balance over time for a chosen account" card: the app composes it from the accounts
 * feature, which owns the account list and the balance history.
 */
export default function LedgerOverviewPage({
  ledgerId,
  balanceOverTime,
}: {
  ledgerId: string;
  balanceOverTime?: ReactNode;
}) {
  const overview = useLedgerOverview(ledgerId);
  return (
    <div>
      <PageHeader title="Overview" description="Totals, health of the read model and the latest activity." />
      <QueryState query={overview}>
        {(o) => (
          <div className="space-y-6">
            <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <Stat label="Consistency check" testId="drift-status">
                <StatusBadge status={o.drift.status} />
                <span className="mt-1 block text-xs font-normal text-slate-500">
                  checked {formatDateTime(o.drift.checked_at)}
                </span>
              </Stat>
              <Stat label="Projection lag" testId="projection-lag">
                {formatDurationMs(o.projection_lag_ms)}
              </Stat>
              <Stat label="Last sequence">{o.last_sequence ?? '—'}</Stat>
              <Stat label="Projected sequence">{o.projected_sequence ?? '—'}</Stat>
            </dl>
            <Card title="Totals">
              {o.totals.length === 0 ? (
                <EmptyState title="Nothing posted yet" />
              ) : (
                <Table testId="totals-table" caption="Totals per currency">
                  <thead>
                    <tr>
                      <Th>Currency</Th>
                      <Th className="text-right">Debits</Th>
                      <Th className="text-right">Credits</Th>
                      <Th>Balanced</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {o.totals.map((t) => (
                      <tr key={t.currency} data-testid={`totals-row-${t.currency}`}>
                        <Td>{t.currency}</Td>
                        <Td className="text-right">
                          <Money amount={t.debits} currency={t.currency} />
                        </Td>
                        <Td className="text-right">
                          <Money amount={t.credits} currency={t.currency} />
                        </Td>
                        <Td>
                          {compareDecimals(t.debits, t.credits) === 0 ? (
                            <StatusBadge status="ok" />
                          ) : (
                            <StatusBadge status="drift" />
                          )}
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
            {balanceOverTime}
            <Card title="Recent transactions">
              {o.recent_transactions.length === 0 ? (
                <EmptyState title="No transactions yet">
                  <Link
                    className="text-indigo-600 hover:underline"
                    to={`/ledgers/${ledgerId}/transactions/new`}
                  >
                    Record the first one
                  </Link>
                </EmptyState>
              ) : (
                <Table testId="recent-transactions" caption="Recent transactions">
                  <thead>
                    <tr>
                      <Th>#</Th>
                      <Th>Description</Th>
                      <Th>Status</Th>
                      <Th className="text-right">Amount</Th>
                      <Th>Occurred</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {o.recent_transactions.map((tx) => (
                      <tr
                        key={tx.id}
                        data-testid={`recent-transaction-${tx.sequence}`}
                        data-description={tx.description ?? ''}
                      >
                        <Td>{tx.sequence}</Td>
                        <Td>
                          <Link
                            className="text-indigo-600 hover:underline"
                            to={`/ledgers/${ledgerId}/transactions/${tx.id}`}
                          >
                            {tx.description || tx.id}
                          </Link>
                        </Td>
                        <Td>
                          <StatusBadge status={tx.status} />
                        </Td>
                        <Td className="text-right">
                          <TransactionAmount tx={tx} />
                        </Td>
                        <Td>{formatDateTime(tx.occurred_at)}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </div>
  );
}
