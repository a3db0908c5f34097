import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { LoadMore, Money, PageHeader } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { useSearchFilters } from '@/lib/use-search-filters';
import { ACCOUNT_TYPES } from '@/types/api';
import { useAccounts } from '../api/get-accounts';
import { CreateAccountForm } from './create-account-form';

const FILTER_KEYS = ['q', 'type', 'currency'] as const;

export default function AccountsPage({
  ledgerId,
  defaultCurrency,
}: {
  ledgerId: string;
  defaultCurrency: string;
}) {
  const [filters, setFilters] = useSearchFilters(FILTER_KEYS);
  const accounts = useAccounts(ledgerId, filters);
  const [creating, setCreating] = useState(false);
  const rows = accounts.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div>
      <PageHeader
        title="Accounts"
        description="Balances are shown on each account's normal side."
        actions={
          creating ? null : (
            <Button onClick={() => setCreating(true)} data-testid="new-account">
              New account
            </Button>
          )
        }
      />
      {creating ? (
        <CreateAccountForm
          ledgerId={ledgerId}
          defaultCurrency={defaultCurrency}
          onDone={() => setCreating(false)}
        />
      ) : null}
      <div role="search" className="mb-4 flex flex-wrap gap-3" data-testid="account-filters">
        <TextField
          label="Search"
          name="q"
          placeholder="Code or name"
          value={filters.q ?? ''}
          onChange={(e) => setFilters({ q: e.target.value })}
        />
        <SelectField
          label="Type"
          name="type"
          value={filters.type ?? ''}
          onChange={(e) => setFilters({ type: e.target.value })}
        >
          <option value="">All types</option>
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
          className="w-28"
          value={filters.currency ?? ''}
          onChange={(e) => setFilters({ currency: e.target.value.toUpperCase() })}
        />
      </div>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? 'No account matches these filters' : 'No accounts yet'}>
          {filtered ? null : 'Create accounts, then record transactions between them.'}
        </EmptyState>
      ) : (
        <>
          <Table testId="accounts-table" caption="Accounts">
            <thead>
              <tr>
                <Th>Code</Th>
                <Th>Name</Th>
                {/* On a phone the balances matter more: the code's row says the rest on the account's page. */}
                <Th className="hidden sm:table-cell">Type</Th>
                <Th className="hidden sm:table-cell">Currency</Th>
                <Th className="text-right">Posted</Th>
                <Th className="text-right">Pending</Th>
                <Th className="text-right">Available</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((a) => (
                <tr key={a.code} data-testid={`account-row-${a.code}`}>
                  <Td>
                    <Link
                      to={`/ledgers/${ledgerId}/accounts/${encodeURIComponent(a.code)}`}
                      className="font-mono text-indigo-600 hover:underline"
                    >
                      {a.code}
                    </Link>
                  </Td>
                  <Td>{a.name}</Td>
                  <Td className="hidden sm:table-cell">{a.type}</Td>
                  <Td className="hidden sm:table-cell">{a.currency}</Td>
                  <Td className="text-right">
                    <Money
                      amount={a.posted_balance}
                      currency={a.currency}
                      testId={`balance-posted-${a.code}`}
                    />
                  </Td>
                  <Td className="text-right">
                    <Money
                      amount={a.pending_balance}
                      currency={a.currency}
                      testId={`balance-pending-${a.code}`}
                    />
                  </Td>
                  <Td className="text-right">
                    <Money
                      amount={a.available_balance}
                      currency={a.currency}
                      testId={`balance-available-${a.code}`}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMore
            hasNextPage={accounts.hasNextPage}
            isFetchingNextPage={accounts.isFetchingNextPage}
            fetchNextPage={accounts.fetchNextPage}
          />
        </>
      )}
    </div>
  );
}
