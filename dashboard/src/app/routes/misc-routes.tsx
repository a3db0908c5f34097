import { Suspense } from 'react';
import { Link, Navigate, Outlet, useRouteError } from 'react-router-dom';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { hasSessionHint } from '@/lib/session';

/** `/`: straight to /login for a visitor without a session, so that no 401 is ever asked for. */
export function IndexRedirect() {
  return <Navigate to={hasSessionHint() ? '/ledgers' : '/login'} replace />;
}

export function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <EmptyState title="Page not found" testId="not-found">
        <Link className="text-indigo-600 hover:underline" to="/">
          Go to the dashboard
        </Link>
      </EmptyState>
    </main>
  );
}

/** Shown when a route fails to render or its code fails to load (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="mx-auto max-w-xl space-y-4 p-8">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
      <Link className="text-sm text-indigo-600 hover:underline" to="/">
        Go to the dashboard
      </Link>
    </main>
  );
}

/** Every page: their code is loaded on first visit. */
export function RootLayout() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}
