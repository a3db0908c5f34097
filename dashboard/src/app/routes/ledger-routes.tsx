/**
 * The pages inside a ledger. Each reads the ledger from the layout and hands what it needs to a feature's page, so
 * features never import each other; the page code itself is loaded on first visit.
 */
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router-dom';
import { useAccounts } from '@/features/accounts/api/get-accounts';
import { Loading } from '@/components/ui/states';
import { useLedgerOutlet } from '../layout/ledger-layout';

const LedgerOverviewPage = lazy(() => import('@/features/ledgers/components/ledger-overview-page'));
const LedgerSettingsPage = lazy(() => import('@/features/ledgers/components/ledger-settings-page'));
const AccountBalanceOverTime = lazy(() =>
  import('@/features/accounts/components/account-balance-over-time').then((m) => ({
    default: m.AccountBalanceOverTime,
  })),
);
const AccountsPage = lazy(() => import('@/features/accounts/components/accounts-page'));
const AccountPage = lazy(() => import('@/features/accounts/components/account-page'));
const TransactionsPage = lazy(() => import('@/features/transactions/components/transactions-page'));
const TransactionPage = lazy(() => import('@/features/transactions/components/transaction-page'));
const NewTransactionPage = lazy(() => import('@/features/transactions/components/new-transaction-page'));
const ApiKeysPage = lazy(() => import('@/features/api-keys/components/api-keys-page'));
const WebhooksPage = lazy(() => import('@/features/webhooks/components/webhooks-page'));
const DeliveryPage = lazy(() => import('@/features/webhooks/components/delivery-page'));
const EventsPage = lazy(() => import('@/features/events/components/events-page'));
const ReportsPage = lazy(() => import('@/features/reports/components/reports-page'));

export function OverviewRoute() {
  const { ledger } = useLedgerOutlet();
  return (
    <LedgerOverviewPage
      ledgerId={ledger.id}
      balanceOverTime={
        <Suspense fallback={<Loading />}>
          <AccountBalanceOverTime ledgerId={ledger.id} />
        </Suspense>
      }
    />
  );
}

export function SettingsRoute() {
  return <LedgerSettingsPage ledgerId={useLedgerOutlet().ledger.id} />;
}

export function AccountsRoute() {
  const { ledger } = useLedgerOutlet();
  return <AccountsPage ledgerId={ledger.id} defaultCurrency={ledger.currency} />;
}

export function AccountRoute() {
  const { code = '' } = useParams();
  return <AccountPage key={code} ledgerId={useLedgerOutlet().ledger.id} code={code} />;
}

export function TransactionsRoute() {
  return <TransactionsPage ledgerId={useLedgerOutlet().ledger.id} />;
}

export function TransactionRoute() {
  const { txId = '' } = useParams();
  return <TransactionPage key={txId} ledgerId={useLedgerOutlet().ledger.id} txId={txId} />;
}

export function NewTransactionRoute() {
  const { ledger } = useLedgerOutlet();
  // Suggestions for the account inputs: the first page of accounts is enough to type against.
  const accounts = useAccounts(ledger.id);
  const options = (accounts.data?.pages ?? [])
    .flatMap((p) => p.data)
    .map((a) => ({ code: a.code, name: a.name, currency: a.currency }));
  return <NewTransactionPage ledgerId={ledger.id} defaultCurrency={ledger.currency} accounts={options} />;
}

export function ApiKeysRoute() {
  return <ApiKeysPage ledgerId={useLedgerOutlet().ledger.id} />;
}

export function WebhooksRoute() {
  return <WebhooksPage ledgerId={useLedgerOutlet().ledger.id} />;
}

export function DeliveryRoute() {
  const { deliveryId = '' } = useParams();
  return <DeliveryPage key={deliveryId} ledgerId={useLedgerOutlet().ledger.id} deliveryId={deliveryId} />;
}

export function EventsRoute() {
  return <EventsPage ledgerId={useLedgerOutlet().ledger.id} />;
}

export function ReportsRoute() {
  return <ReportsPage ledgerId={useLedgerOutlet().ledger.id} />;
}
