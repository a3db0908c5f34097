import { Suspense } from 'react';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ErrorState, Loading } from '@/components/ui/states';
import { useLedger } from '@/features/ledgers/api/get-ledger';
import type { Ledger } from '@/types/api';

const SECTIONS = [
  ['overview', 'Overview'],
  ['accounts', 'Accounts'],
  ['transactions', 'Transactions'],
  ['reports', 'Reports'],
  ['api-keys', 'API keys'],
  ['webhooks', 'Webhooks'],
  ['events', 'Events'],
  ['settings', 'Settings'],
] as const;

export interface LedgerOutlet {
  ledger: Ledger;
}

export function useLedgerOutlet(): LedgerOutlet {
  return useOutletContext<LedgerOutlet>();
}

/** The pages of one ledger, with their sidebar. */
export function LedgerLayout() {
  const { ledgerId = '' } = useParams();
  const ledger = useLedger(ledgerId);
  if (ledger.isPending) return <Loading label="Loading ledger…" />;
  if (ledger.isError) return <ErrorState error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `block rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-52 md:shrink-0">
        <p className="mb-1 text-xs text-slate-500">
          <Link to="/ledgers" className="hover:underline">
            Ledgers
          </Link>{' '}
          /
        </p>
        <p className="mb-3 truncate font-semibold" data-testid="ledger-title" title={ledger.data.name}>
          {ledger.data.name}{' '}
          <span className="text-xs font-normal text-slate-500">{ledger.data.currency}</span>
        </p>
        <nav aria-label="Ledger" className="flex flex-wrap gap-1 md:block md:space-y-0.5">
          {SECTIONS.map(([path, label]) => (
            <NavLink
              key={path}
              to={`/ledgers/${ledgerId}/${path}`}
              className={linkClass}
              data-testid={`ledger-nav-${path}`}
            >
              {label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <section className="min-w-0 flex-1">
        <Suspense fallback={<Loading />}>
          <Outlet context={{ ledger: ledger.data } satisfies LedgerOutlet} />
        </Suspense>
      </section>
    </div>
  );
}
