import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/misc';
import { errorText } from '@/components/ui/states';
import { useSearchFilters } from '@/lib/use-search-filters';
import { REPORT_KINDS, useDownloadReport, type ReportKind } from '../api/download-report';
import { reportFilename, reportRequest } from './report-model';
import { BalanceSheetView, IncomeStatementView, TrialBalanceView } from './report-views';

const FILTER_KEYS = ['report', 'as_of', 'from', 'to'] as const;

const TITLES: Record<ReportKind, string> = {
  'trial-balance': 'Trial balance',
  'balance-sheet': 'Balance sheet',
  'income-statement': 'Income statement',
};

const isReportKind = (value: string | undefined): value is ReportKind =>
  (REPORT_KINDS as readonly string[]).includes(value ?? '');

export default function ReportsPage({ ledgerId }: { ledgerId: string }) {
  const [filters, setFilters] = useSearchFilters(FILTER_KEYS);
  const report: ReportKind = isReportKind(filters.report) ? filters.report : 'trial-balance';
  const { params, errors } = reportRequest(report, filters);
  const valid = Object.keys(errors).length === 0;
  const download = useDownloadReport(ledgerId);

  return (
    <div>
      <PageHeader
        title="Reports"
        description="Posted amounts per currency; each parent account includes its children."
        actions={
          <Button
            variant="secondary"
            disabled={!valid}
            busy={download.isPending}
            data-testid="report-download"
            onClick={() => download.mutate({ report, params, filename: reportFilename(report, filters) })}
          >
            Download CSV
          </Button>
        }
      />
      <div className="mb-4 flex flex-wrap gap-1" role="group" aria-label="Report">
        {REPORT_KINDS.map((kind) => (
          <Button
            key={kind}
            size="sm"
            variant={kind === report ? 'primary' : 'secondary'}
            aria-pressed={kind === report}
            data-testid={`report-tab-${kind}`}
            onClick={() => {
              download.reset();
              setFilters({ report: kind === 'trial-balance' ? undefined : kind });
            }}
          >
            {TITLES[kind]}
          </Button>
        ))}
      </div>
      <form
        className="mb-4 flex flex-wrap items-start gap-3"
        data-testid="report-dates"
        onSubmit={(e) => e.preventDefault()}
      >
        {report === 'income-statement' ? (
          <>
            <TextField
              label="From"
              name="from"
              type="date"
              value={filters.from ?? ''}
              onChange={(e) => setFilters({ from: e.target.value })}
              error={errors.from}
              hint="Empty: from the first transaction"
            />
            <TextField
              label="To"
              name="to"
              type="date"
              value={filters.to ?? ''}
              onChange={(e) => setFilters({ to: e.target.value })}
              error={errors.to}
              hint="Included; empty: up to now"
            />
          </>
        ) : (
          <TextField
            label="As of"
            name="as_of"
            type="date"
            value={filters.as_of ?? ''}
            onChange={(e) => setFilters({ as_of: e.target.value })}
            error={errors.as_of}
            hint="End of that day, your time zone; empty: now"
          />
        )}
        {(report === 'income-statement' ? filters.from || filters.to : filters.as_of) ? (
          <Button
            variant="ghost"
            size="sm"
            className="mt-6"
            onClick={() => setFilters({ as_of: undefined, from: undefined, to: undefined })}
          >
            Clear dates
          </Button>
        ) : null}
      </form>
      {download.isError ? (
        <p role="alert" className="mb-4 text-sm text-red-700" data-testid="report-download-error">
          {errorText(download.error)}
        </p>
      ) : null}
      <h2 className="sr-only">{TITLES[report]}</h2>
      {report === 'trial-balance' ? (
        <TrialBalanceView ledgerId={ledgerId} params={params} enabled={valid} />
      ) : report === 'balance-sheet' ? (
        <BalanceSheetView ledgerId={ledgerId} params={params} enabled={valid} />
      ) : (
        <IncomeStatementView ledgerId={ledgerId} params={params} enabled={valid} />
      )}
    </div>
  );
}
