import { Link } from 'react-router-dom';
import { SelectField, TextField } from '@/components/ui/field';
import { LoadMore, PageHeader, StatusBadge } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { useSearchFilters } from '@/lib/use-search-filters';
import { TRANSACTION_STATUSES } from '@/types/api';
import { useTransactions, type TransactionFilters } from '../api/get-transactions';
import { TransactionAmount } from './transaction-amount';

const FILTER_KEYS = ['account', 'status', 'external_id', 'from', 'to'] as const;

/** A datetime-local value ("2026-01-05T14:03") as an ISO instant in the browser's zone; undefined if not a date. */
function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export default function TransactionsPage({ ledgerId }: { ledgerId: string }) {
  const [filters, setFilters] = useSearchFilters(FILTER_KEYS);
  const query: TransactionFilters = { ...filters, from: toInstant(filters.from), to: toInstant(filters.to) };
  const transactions = useTransactions(ledgerId, query);
  const rows = transactions.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div>
      <PageHeader
        title="Transactions"
        actions={
          <Link
            to={`/ledgers/${ledgerId}/transactions/new`}
            data-testid="new-transaction"
            className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500"
          >
            New transaction
          </Link>
        }
      />
      <div role="search" className="mb-4 flex flex-wrap gap-3" data-testid="transaction-filters">
        <TextField
          label="Account"
          name="account"
          placeholder="Account code"
          value={filters.account ?? ''}
          onChange={(e) => setFilters({ account: e.target.value })}
        />
        <SelectField
          label="Status"
          name="status"
          value={filters.status ?? ''}
          onChange={(e) => setFilters({ status: e.target.value })}
        >
          <option value="">Any status</option>
          {TRANSACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField
          label="External ID"
          name="external_id"
          value={filters.external_id ?? ''}
          onChange={(e) => setFilters({ external_id: e.target.value })}
        />
        <TextField
          label="From"
          name="from"
          type="datetime-local"
          value={filters.from ?? ''}
          onChange={(e) => setFilters({ from: e.target.value })}
        />
        <TextField
          label="To"
          name="to"
          type="datetime-local"
          value={filters.to ?? ''}
          onChange={(e) => setFilters({ to: e.target.value })}
        />
      </div>
      {transactions.isPending ? (
        <Loading />
      ) : transactions.isError ? (
        <ErrorState error={transactions.error} onRetry={() => void transactions.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? 'No transaction matches these filters' : 'No transactions yet'} />
      ) : (
        <>
          <Table testId="transactions-table" caption="Transactions">
            <thead>
              <tr>
                <Th>#</Th>
                <Th>Description</Th>
                <Th>Status</Th>
                <Th>Accounts</Th>
                <Th className="text-right">Amount</Th>
                <Th>External ID</Th>
                <Th>Occurred</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((tx) => (
                <tr
                  key={tx.id}
                  data-testid={`transaction-row-${tx.id}`}
                  data-description={tx.description ?? ''}
                >
                  <Td>{tx.sequence}</Td>
                  <Td>
                    <Link
                      to={`/ledgers/${ledgerId}/transactions/${tx.id}`}
                      className="text-indigo-600 hover:underline"
                    >
                      {tx.description || <span className="font-mono text-xs">{tx.id}</span>}
                    </Link>
                  </Td>
                  <Td>
                    <StatusBadge status={tx.status} testId="transaction-status" />
                  </Td>
                  <Td className="max-w-xs truncate font-mono text-xs">
                    {[...new Set(tx.postings.map((p) => p.account_code))].join(', ')}
                  </Td>
                  <Td className="text-right">
                    <TransactionAmount postings={tx.postings} testId="transaction-amount" />
                  </Td>
                  <Td className="font-mono text-xs">{tx.external_id ?? '—'}</Td>
                  <Td>{formatDateTime(tx.occurred_at)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore
            hasNextPage={transactions.hasNextPage}
            isFetchingNextPage={transactions.isFetchingNextPage}
            fetchNextPage={transactions.fetchNextPage}
          />
        </>
      )}
    </div>
  );
}
