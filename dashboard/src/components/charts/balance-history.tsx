/**
 * A balance history as the user sees it: loading, error or empty states, the chart (loaded on first use), the latest
 * exact balance, and the points as a table for anyone who cannot read the chart. Fetching stays with the caller.
 */
import { lazy, Suspense } from 'react';
import { Money } from '@/components/ui/misc';
import { EmptyState, Loading, QueryState } from '@/components/ui/states';
import { Table, Td, Th } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import type { BalancePoint } from '@/types/api';

const BalanceChart = lazy(() => import('./balance-chart'));

/** The table under the chart lists at most the latest this many points. */
export const TABLE_POINTS_MAX = 100;

export function BalanceHistory({
  query,
  currency,
  label,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: BalancePoint[] | undefined;
    refetch: () => unknown;
  };
  currency: string;
  /** Names the chart for assistive technology, e.g. "Balance of Cash over time". */
  label?: string;
}) {
  return (
    <QueryState query={query}>
      {(points) => {
        const last = points[points.length - 1];
        if (!last) return <EmptyState title="No movements yet" testId="balance-history-empty" />;
        const shown = points.slice(-TABLE_POINTS_MAX).reverse();
        return (
          <div className="space-y-3" data-testid="balance-history">
            <Suspense fallback={<Loading label="Loading chart…" />}>
              <BalanceChart points={points} currency={currency} label={label} />
            </Suspense>
            <p className="text-sm text-slate-600">
              Latest balance{' '}
              <span className="font-semibold text-slate-900">
                <Money amount={last.balance} currency={currency} testId="balance-history-latest" />
              </span>{' '}
              at {formatDateTime(last.at)}
            </p>
            <details className="text-sm">
              <summary className="cursor-pointer text-indigo-600 hover:underline">
                Show the {points.length === 1 ? 'point' : `${points.length} points`} as a table
              </summary>
              <div className="mt-2">
                <Table testId="balance-history-table" caption="Balance after each movement, newest first">
                  <thead>
                    <tr>
                      <Th>At</Th>
                      <Th className="text-right">Balance</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {shown.map((p, i) => (
                      <tr key={`${p.at}-${i}`}>
                        <Td>{formatDateTime(p.at)}</Td>
                        <Td className="text-right">
                          <Money amount={p.balance} currency={currency} />
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {points.length > shown.length ? (
                  <p className="mt-1 text-xs text-slate-500">
                    The latest {shown.length} of {points.length} points.
                  </p>
                ) : null}
              </div>
            </details>
          </div>
        );
      }}
    </QueryState>
  );
}
