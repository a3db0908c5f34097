import { Card, PageHeader } from '@/components/ui/misc';
import { QueryState } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { currencyScale } from '@/lib/money';
import { useLedger } from '../api/get-ledger';

export default function LedgerSettingsPage({ ledgerId }: { ledgerId: string }) {
  const ledger = useLedger(ledgerId);
  return (
    <div>
      <PageHeader title="Settings" description="Details of this ledger." />
      <QueryState query={ledger}>
        {(l) => (
          <Card testId="ledger-details">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-slate-500">Name</dt>
              <dd data-testid="ledger-name">{l.name}</dd>
              <dt className="text-slate-500">Code</dt>
              <dd>
                <code>{l.code}</code>
              </dd>
              <dt className="text-slate-500">Ledger ID</dt>
              <dd>
                <code>{l.id}</code>
              </dd>
              <dt className="text-slate-500">Project ID</dt>
              <dd>
                <code>{l.project_id}</code>
              </dd>
              <dt className="text-slate-500">Currency</dt>
              <dd>
                {l.currency} ({currencyScale(l.currency)} decimals)
              </dd>
              <dt className="text-slate-500">Created</dt>
              <dd>{formatDateTime(l.created_at)}</dd>
            </dl>
          </Card>
        )}
      </QueryState>
    </div>
  );
}
