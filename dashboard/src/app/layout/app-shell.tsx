import { Suspense } from 'react';
import { Link, Navigate, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { ErrorState, Loading } from '@/components/ui/states';
import { useMe } from '@/features/auth/api/get-me';
import { useLogout } from '@/features/auth/api/logout';
import { hasSessionHint } from '@/lib/session';
import { OrgProvider, useOrgs } from '../org-context';

function OrgSwitcher() {
  const { organizations, selected, select } = useOrgs();
  if (organizations.length === 0) return null;
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="sr-only text-slate-500 sm:not-sr-only">Organization</span>
      <select
        data-testid="org-switcher"
        className="min-w-0 max-w-[14rem] truncate lg:max-w-xs rounded-md border-0 py-1 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        value={selected?.id ?? ''}
        onChange={(e) => select(e.target.value)}
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.role})
          </option>
        ))}
      </select>
    </label>
  );
}

function Header() {
  const { me, selected } = useOrgs();
  const logout = useLogout();
  const navigate = useNavigate();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-2.5 py-1.5 text-sm font-medium ${isActive ? 'bg-slate-100 text-slate-900' : 'text-slate-600 hover:text-slate-900'}`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link to="/ledgers" className="flex items-center gap-2 font-semibold">
          <span
            aria-hidden
            className="flex h-7 w-7 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white"
          >
            L
          </span>
          LaaS
        </Link>
        <nav aria-label="Main" className="flex gap-1">
          <NavLink to="/ledgers" end className={navClass} data-testid="nav-ledgers">
            Ledgers
          </NavLink>
          {selected ? (
            <NavLink to={`/orgs/${selected.id}/members`} className={navClass} data-testid="nav-members">
              Members
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
          <OrgSwitcher />
          <span
            className="min-w-0 max-w-[16rem] truncate text-sm text-slate-600"
            data-testid="current-user"
            title={me.user.email}
          >
            {me.user.email}
          </span>
          <Button
            variant="secondary"
            size="sm"
            busy={logout.isPending}
            data-testid="logout"
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
            }
          >
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}

/** Every signed-in page: asks /api/me once (a 401 sends the browser to /login), then shows the header. */
export function AppShell() {
  const signedIn = hasSessionHint();
  const me = useMe({ enabled: signedIn });
  if (!signedIn) {
    return <Navigate to="/login" replace />;
  }
  if (me.isPending) return <Loading label="Loading your account…" />;
  if (me.isError) {
    return (
      <main className="mx-auto max-w-xl p-8">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return (
    <OrgProvider me={me.data}>
      <div className="min-h-screen">
        <Header />
        <main className="mx-auto max-w-7xl px-4 py-6">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </OrgProvider>
  );
}
