import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { BalanceHistory } from '@/components/charts/balance-history';
import { Card, LoadMore, Money, PageHeader } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading, QueryState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import type { Account } from '@/types/api';
import { useAccount } from '../api/get-account';
import { useAccountStatement } from '../api/get-account-statement';
import { useBalanceHistory } from '../api/get-balance-history';

function Balance({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold">{children}</dd>
    </div>
  );
}

function History({ ledgerId, account }: { ledgerId: string; account: Account }) {
  const history = useBalanceHistory(ledgerId, account.code);
  return (
    <Card title="Balance history">
      <BalanceHistory
        query={history}
        currency={account.currency}
        label={`Balance of ${account.name} over time`}
      />
    </Card>
  );
}

function Statement({ ledgerId, code, currency }: { ledgerId: string; code: string; currency: string }) {
  const statement = useAccountStatement(ledgerId, code);
  const lines = statement.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card title="Statement">
      {statement.isPending ? (
        <Loading />
      ) : statement.isError ? (
        <ErrorState error={statement.error} onRetry={() => void statement.refetch()} />
      ) : lines.length === 0 ? (
        <EmptyState title="No postings on this account yet" />
      ) : (
        <>
          <Table testId="statement-table" caption="Statement">
            <thead>
              <tr>
                <Th>#</Th>
                <Th>Occurred</Th>
                <Th>Description</Th>
                <Th className="text-right">Debit</Th>
                <Th className="text-right">Credit</Th>
                <Th className="text-right">Balance</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((line) => (
                <tr
                  key={`${line.transaction_id}-${line.sequence}-${line.direction}`}
                  data-testid={`statement-row-${line.sequence}`}
                >
                  <Td>{line.sequence}</Td>
                  <Td>{formatDateTime(line.occurred_at)}</Td>
                  <Td>
                    <Link
                      to={`/ledgers/${ledgerId}/transactions/${line.transaction_id}`}
                      className="text-indigo-600 hover:underline"
                    >
                      {line.description || line.transaction_id}
                    </Link>
                  </Td>
                  <Td className="text-right">
                    {line.direction === 'debit' ? <Money amount={line.amount} currency={currency} /> : null}
                  </Td>
                  <Td className="text-right">
                    {line.direction === 'credit' ? <Money amount={line.amount} currency={currency} /> : null}
                  </Td>
                  <Td className="text-right">
                    <Money amount={line.running_balance} currency={currency} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore
            hasNextPage={statement.hasNextPage}
            isFetchingNextPage={statement.isFetchingNextPage}
            fetchNextPage={statement.fetchNextPage}
          />
        </>
      )}
    </Card>
  );
}

export default function AccountPage({ ledgerId, code }: { ledgerId: string; code: string }) {
  const account = useAccount(ledgerId, code);
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={`/ledgers/${ledgerId}/accounts`} className="text-indigo-600 hover:underline">
          ← Accounts
        </Link>
      </p>
      <QueryState query={account}>
        {(a) => (
          <div className="space-y-6" data-testid="account-detail">
            <PageHeader
              title={a.name}
              description={
                <>
                  <code>{a.code}</code> · {a.type} · {a.currency}
                  {a.parent_code ? (
                    <>
                      {' '}
                      · parent{' '}
                      <Link
                        className="text-indigo-600 hover:underline"
                        to={`/ledgers/${ledgerId}/accounts/${encodeURIComponent(a.parent_code)}`}
                      >
                        {a.parent_code}
                      </Link>
                    </>
                  ) : null}
                  {a.flags.length > 0 ? <> · {a.flags.join(', ')}</> : null}
                </>
              }
            />
            <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
              <Balance label="Posted">
                <Money amount={a.posted_balance} currency={a.currency} testId="account-balance-posted" />
              </Balance>
              <Balance label="Pending">
                <Money amount={a.pending_balance} currency={a.currency} testId="account-balance-pending" />
              </Balance>
              <Balance label="Available">
                <Money
                  amount={a.available_balance}
                  currency={a.currency}
                  testId="account-balance-available"
                />
              </Balance>
              <Balance label="Debits posted">
                <Money amount={a.debits_posted} currency={a.currency} />
              </Balance>
              <Balance label="Credits posted">
                <Money amount={a.credits_posted} currency={a.currency} />
              </Balance>
            </dl>
            <History ledgerId={ledgerId} account={a} />
            <Statement ledgerId={ledgerId} code={code} currency={a.currency} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
