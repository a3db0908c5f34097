import type { ReactNode } from 'react';
import { Card, StatusBadge } from '@/components/ui/misc';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import { useBalanceSheet } from '../api/get-balance-sheet';
import { useIncomeStatement, type PeriodParams } from '../api/get-income-statement';
import { useTrialBalance, type AsOfParams } from '../api/get-trial-balance';
import { AccountCell, AmountCell, ReportProblems, SectionRows, TotalRow } from './report-parts';
import {
  balanceSheetProblems,
  incomeStatementProblems,
  trialBalanceProblems,
  withParents,
} from './report-model';

interface Loadable<T> {
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** Loading, error, or the report, dimmed while the figures for other dates load. */
function ReportState<T>({
  query,
  enabled,
  children,
}: {
  query: Loadable<T>;
  enabled: boolean;
  children: (data: T) => ReactNode;
}) {
  if (!enabled) return null;
  if (query.isPending) return <Loading label="Computing the report…" />;
  if (query.isError || query.data === undefined) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const stale = query.isFetching && query.isPlaceholderData;
  return (
    <div aria-busy={stale || undefined} className={stale ? 'opacity-60 transition-opacity' : undefined}>
      {children(query.data)}
    </div>
  );
}

function Meta({ children }: { children: ReactNode }) {
  return (
    <p className="mb-4 text-sm text-slate-500" data-testid="report-meta">
      {children}
    </p>
  );
}

function Sequence({ value }: { value: number }) {
  return (
    <>
      {' '}
      · includes the ledger's events up to <span className="font-mono">#{value}</span>
    </>
  );
}

function CurrencyCard({
  currency,
  balanced,
  testId,
  children,
}: {
  currency: string;
  balanced?: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card
      title={currency}
      testId={testId}
      actions={
        balanced === undefined ? null : (
          <StatusBadge status={balanced ? 'balanced' : 'unbalanced'} testId={`${testId}-status`} />
        )
      }
    >
      {children}
    </Card>
  );
}

export function TrialBalanceView({
  ledgerId,
  params,
  enabled,
}: {
  ledgerId: string;
  params: AsOfParams;
  enabled: boolean;
}) {
  const report = useTrialBalance(ledgerId, params, { enabled });
  return (
    <ReportState query={report} enabled={enabled}>
      {(tb) => (
        <div className="space-y-4" data-testid="trial-balance">
          <Meta>
            Posted balances as of {tb.as_of ? formatDateTime(tb.as_of) : 'now'}
            <Sequence value={tb.as_of_sequence} />
          </Meta>
          {tb.currencies.length === 0 ? (
            <EmptyState title="No accounts yet" />
          ) : (
            tb.currencies.map((c) => {
              const problems = trialBalanceProblems(c);
              return (
                <CurrencyCard
                  key={c.currency}
                  currency={c.currency}
                  balanced={problems.length === 0}
                  testId={`trial-balance-${c.currency}`}
                >
                  <ReportProblems problems={problems} testId={`report-problems-${c.currency}`} />
                  <Table caption={`Trial balance in ${c.currency}`}>
                    <thead>
                      <tr>
                        <Th>Account</Th>
                        <Th className="hidden sm:table-cell">Type</Th>
                        <Th className="text-right">Debit</Th>
                        <Th className="text-right">Credit</Th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {withParents(c.accounts).map((line) => (
                        <tr key={line.code} data-testid={`trial-balance-row-${line.code}`}>
                          <AccountCell
                            name={line.name}
                            code={line.code}
                            level={line.level}
                            isParent={line.isParent}
                          />
                          <Td className="hidden sm:table-cell">{line.type}</Td>
                          <AmountCell amount={line.debit} currency={c.currency} />
                          <AmountCell amount={line.credit} currency={c.currency} />
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <TotalRow label="Total" testId={`trial-balance-total-${c.currency}`}>
                        <Td className="hidden sm:table-cell" />
                        <AmountCell
                          amount={c.total_debits}
                          currency={c.currency}
                          strong
                          testId={`trial-balance-total-debits-${c.currency}`}
                        />
                        <AmountCell
                          amount={c.total_credits}
                          currency={c.currency}
                          strong
                          testId={`trial-balance-total-credits-${c.currency}`}
                        />
                      </TotalRow>
                    </tfoot>
                  </Table>
                </CurrencyCard>
              );
            })
          )}
        </div>
      )}
    </ReportState>
  );
}

export function BalanceSheetView({
  ledgerId,
  params,
  enabled,
}: {
  ledgerId: string;
  params: AsOfParams;
  enabled: boolean;
}) {
  const report = useBalanceSheet(ledgerId, params, { enabled });
  return (
    <ReportState query={report} enabled={enabled}>
      {(bs) => (
        <div className="space-y-4" data-testid="balance-sheet">
          <Meta>
            As of {bs.as_of ? formatDateTime(bs.as_of) : 'now'}
            <Sequence value={bs.as_of_sequence} />
          </Meta>
          {bs.currencies.length === 0 ? (
            <EmptyState title="No accounts yet" />
          ) : (
            bs.currencies.map((c) => {
              const problems = balanceSheetProblems(c);
              const id = `balance-sheet-${c.currency}`;
              return (
                <CurrencyCard
                  key={c.currency}
                  currency={c.currency}
                  balanced={problems.length === 0}
                  testId={id}
                >
                  <ReportProblems problems={problems} testId={`report-problems-${c.currency}`} />
                  <Table caption={`Balance sheet in ${c.currency}`}>
                    <thead>
                      <tr>
                        <Th>Account</Th>
                        <Th className="text-right">Balance</Th>
                      </tr>
                    </thead>
                    <SectionRows
                      title="Assets"
                      section={c.assets}
                      currency={c.currency}
                      testId={`${id}-assets`}
                      empty="No asset accounts"
                    />
                    <SectionRows
                      title="Liabilities"
                      section={c.liabilities}
                      currency={c.currency}
                      testId={`${id}-liabilities`}
                      empty="No liability accounts"
                    />
                    <SectionRows
                      title="Equity"
                      section={c.equity}
                      currency={c.currency}
                      testId={`${id}-equity`}
                      empty="No equity accounts"
                    />
                    <tbody>
                      <TotalRow
                        testId={`${id}-retained-earnings`}
                        label={
                          <span className="flex flex-col">
                            Retained earnings
                            <span className="text-xs font-normal text-slate-500">
                              revenue {formatMoney(c.retained_earnings.revenue, c.currency)} − expenses{' '}
                              {formatMoney(c.retained_earnings.expenses, c.currency)}
                            </span>
                          </span>
                        }
                      >
                        <AmountCell amount={c.retained_earnings.amount} currency={c.currency} strong />
                      </TotalRow>
                      <TotalRow label="Total liabilities and equity">
                        <AmountCell
                          amount={c.total_liabilities_and_equity}
                          currency={c.currency}
                          strong
                          testId={`${id}-total-liabilities-and-equity`}
                        />
                      </TotalRow>
                    </tbody>
                  </Table>
                  <p className="mt-3 text-sm text-slate-600" data-testid={`${id}-check`}>
                    Check: assets {formatMoney(c.check.assets, c.currency)} − (liabilities + equity + retained
                    earnings) {formatMoney(c.check.liabilities_equity_and_retained_earnings, c.currency)} ={' '}
                    <span data-testid={`${id}-difference`}>
                      {formatMoney(c.check.difference, c.currency)}
                    </span>
                  </p>
                </CurrencyCard>
              );
            })
          )}
        </div>
      )}
    </ReportState>
  );
}

export function IncomeStatementView({
  ledgerId,
  params,
  enabled,
}: {
  ledgerId: string;
  params: PeriodParams;
  enabled: boolean;
}) {
  const report = useIncomeStatement(ledgerId, params, { enabled });
  return (
    <ReportState query={report} enabled={enabled}>
      {(is) => (
        <div className="space-y-4" data-testid="income-statement">
          <Meta>
            {is.from ? `From ${formatDateTime(is.from)}` : 'From the first transaction'}{' '}
            {is.to ? `to before ${formatDateTime(is.to)}` : 'to now'}
            <Sequence value={is.as_of_sequence} />
          </Meta>
          {is.currencies.length === 0 ? (
            <EmptyState title="No revenue or expense accounts yet" />
          ) : (
            is.currencies.map((c) => {
              const problems = incomeStatementProblems(c);
              const id = `income-statement-${c.currency}`;
              return (
                <CurrencyCard key={c.currency} currency={c.currency} testId={id}>
                  <ReportProblems problems={problems} testId={`report-problems-${c.currency}`} />
                  <Table caption={`Income statement in ${c.currency}`}>
                    <thead>
                      <tr>
                        <Th>Account</Th>
                        <Th className="text-right">Amount</Th>
                      </tr>
                    </thead>
                    <SectionRows
                      title="Revenue"
                      section={c.revenue}
                      currency={c.currency}
                      testId={`${id}-revenue`}
                      empty="No revenue accounts"
                    />
                    <SectionRows
                      title="Expenses"
                      section={c.expenses}
                      currency={c.currency}
                      testId={`${id}-expenses`}
                      empty="No expense accounts"
                    />
                    <tbody>
                      <TotalRow label="Net income">
                        <AmountCell
                          amount={c.net_income}
                          currency={c.currency}
                          strong
                          testId={`${id}-net-income`}
                        />
                      </TotalRow>
                    </tbody>
                  </Table>
                </CurrencyCard>
              );
            })
          )}
        </div>
      )}
    </ReportState>
  );
}
