/**
 * "Balance over time" for one account the user picks (the ledger overview shows it). The choice is kept in the URL
 * (?account=<code>), so the view can be shared and reloaded; until one is picked, the first account is shown.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { BalanceHistory } from '@/components/charts/balance-history';
import { SelectField, TextField } from '@/components/ui/field';
import { Card } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { useSearchFilters } from '@/lib/use-search-filters';
import type { Account } from '@/types/api';
import { accountQueryOptions } from '../api/get-account';
import { useAccounts } from '../api/get-accounts';
import { useBalanceHistory } from '../api/get-balance-history';

const PARAMS = ['account'] as const;

export function accountOptionLabel(account: Pick<Account, 'code' | 'name' | 'currency'>): string {
  return `${account.name} · ${account.code} (${account.currency})`;
}

function ChosenAccountHistory({ ledgerId, account }: { ledgerId: string; account: Account }) {
  const history = useBalanceHistory(ledgerId, account.code);
  return (
    <BalanceHistory
      query={history}
      currency={account.currency}
      label={`Balance of ${account.name} over time`}
    />
  );
}

export function AccountBalanceOverTime({ ledgerId }: { ledgerId: string }) {
  const [{ account: picked }, setParams] = useSearchFilters(PARAMS);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  // The first page of all accounts gives the default; a search asks the server (same list when it is empty).
  const all = useAccounts(ledgerId);
  const found = useAccounts(ledgerId, query ? { q: query } : {});
  const firstPage = all.data?.pages.flatMap((p) => p.data) ?? [];
  const code = picked ?? firstPage[0]?.code;
  const chosen = useQuery({ ...accountQueryOptions(ledgerId, code ?? ''), enabled: code !== undefined });
  const chosenAccount = code && chosen.data?.code === code ? chosen.data : undefined;

  const listed = query ? (found.data?.pages.flatMap((p) => p.data) ?? []) : firstPage;
  const options =
    chosenAccount && !listed.some((a) => a.code === chosenAccount.code) ? [chosenAccount, ...listed] : listed;

  let body;
  if (all.isPending) {
    body = <Loading />;
  } else if (all.isError) {
    body = <ErrorState error={all.error} onRetry={() => void all.refetch()} />;
  } else if (!code) {
    body = (
      <EmptyState title="No accounts yet" testId="overview-balance-empty">
        <Link className="text-indigo-600 hover:underline" to={`/ledgers/${ledgerId}/accounts`}>
          Create an account
        </Link>{' '}
        to follow its balance here.
      </EmptyState>
    );
  } else {
    body = (
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          {all.hasNextPage || search ? (
            <TextField
              label="Find an account"
              name="balance-account-search"
              type="search"
              placeholder="code or name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              className="w-full sm:w-56"
            />
          ) : null}
          <SelectField
            label="Account"
            name="balance-account"
            value={code}
            onChange={(e) => setParams({ account: e.target.value })}
            className="w-full sm:w-96"
            hint={query && listed.length === 0 ? 'No account matches the search.' : undefined}
            data-testid="balance-account-picker"
          >
            {chosenAccount ? null : <option value={code}>{code}</option>}
            {options.map((a) => (
              <option key={a.code} value={a.code}>
                {accountOptionLabel(a)}
              </option>
            ))}
          </SelectField>
        </div>
        {chosen.isError ? (
          <ErrorState error={chosen.error} onRetry={() => void chosen.refetch()} />
        ) : chosenAccount ? (
          <ChosenAccountHistory key={chosenAccount.code} ledgerId={ledgerId} account={chosenAccount} />
        ) : (
          <Loading />
        )}
      </div>
    );
  }

  return (
    <Card title="Balance over time" testId="overview-balance">
      {body}
    </Card>
  );
}
