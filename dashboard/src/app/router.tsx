import { lazy } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { AppShell } from './layout/app-shell';
import { LedgerLayout } from './layout/ledger-layout';
import {
  AccountRoute,
  AccountsRoute,
  ApiKeysRoute,
  DeliveryRoute,
  EventsRoute,
  NewTransactionRoute,
  OverviewRoute,
  ReportsRoute,
  SettingsRoute,
  TransactionRoute,
  TransactionsRoute,
  WebhooksRoute,
} from './routes/ledger-routes';
import { IndexRedirect, NotFound, RootLayout, RouteError } from './routes/misc-routes';

const LoginPage = lazy(() => import('@/features/auth/components/login-page'));
const SignupPage = lazy(() => import('@/features/auth/components/signup-page'));
const LedgersRoute = lazy(() => import('./routes/ledgers-route'));
const MembersRoute = lazy(() => import('./routes/members-route'));

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <IndexRedirect /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'signup', element: <SignupPage /> },
      {
        element: <AppShell />,
        children: [
          { path: 'ledgers', element: <LedgersRoute /> },
          { path: 'orgs/:orgId/members', element: <MembersRoute /> },
          {
            path: 'ledgers/:ledgerId',
            element: <LedgerLayout />,
            children: [
              { index: true, element: <Navigate to="overview" replace /> },
              { path: 'overview', element: <OverviewRoute /> },
              { path: 'accounts', element: <AccountsRoute /> },
              { path: 'accounts/:code', element: <AccountRoute /> },
              { path: 'transactions', element: <TransactionsRoute /> },
              { path: 'transactions/new', element: <NewTransactionRoute /> },
              { path: 'transactions/:txId', element: <TransactionRoute /> },
              { path: 'api-keys', element: <ApiKeysRoute /> },
              { path: 'webhooks', element: <WebhooksRoute /> },
              { path: 'webhooks/deliveries/:deliveryId', element: <DeliveryRoute /> },
              { path: 'events', element: <EventsRoute /> },
              { path: 'reports', element: <ReportsRoute /> },
              { path: 'settings', element: <SettingsRoute /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes, {
    future: {
      v7_relativeSplatPath: true,
      v7_fetcherPersist: true,
      v7_normalizeFormMethod: true,
      v7_partialHydration: true,
      v7_skipActionErrorRevalidation: true,
    },
  });
}
