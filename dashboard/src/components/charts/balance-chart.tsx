/**
 * An account's balance over time as a step line (recharts, loaded lazily: it is the largest chunk). Shared by the
 * account page and the ledger overview. The only place an amount becomes a floating-point number: the line's
 * y-coordinate. The tooltip shows the exact decimal string of the point.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import type { BalancePoint } from '@/types/api';

/** Up to this many points each gets a dot, so that one or two movements are visible at all. */
const DOTTED_POINTS_MAX = 40;

export interface PlotPoint {
  /** Epoch milliseconds, the x-coordinate. */
  at: number;
  /** For plotting only: the chart needs a number; every text shown comes from `balance`. */
  plotted: number;
  /** The exact decimal string from the API. */
  balance: string;
  /** The instant as the API sent it. */
  iso: string;
}

export function toPlotPoints(points: readonly BalancePoint[]): PlotPoint[] {
  return points.map((p) => ({
    at: Date.parse(p.at),
    plotted: Number(p.balance),
    balance: p.balance,
    iso: p.at,
  }));
}

const axisNumber = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** The y-axis marks are positions on the scale, not amounts of any point: a compact number is enough. */
export function formatAxisTick(value: number): string {
  return axisNumber.format(value);
}

/** The hover label: the point's time and its exact balance, formatted from the decimal string. */
export function BalanceTooltip({
  active,
  payload,
  currency,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  currency: string;
}) {
  const point = active ? (payload?.[0]?.payload as PlotPoint | undefined) : undefined;
  if (!point) return null;
  return (
    <div
      data-testid="balance-chart-tooltip"
      className="rounded-md bg-white px-3 py-2 text-xs shadow-md ring-1 ring-slate-200"
    >
      <p className="text-slate-500">{formatDateTime(point.iso)}</p>
      <p className="mt-0.5 font-semibold tabular-nums text-slate-900" data-amount={point.balance}>
        Balance {formatMoney(point.balance, currency)}
      </p>
    </div>
  );
}

export default function BalanceChart({
  points,
  currency,
  label = 'Balance over time',
}: {
  points: readonly BalancePoint[];
  currency: string;
  label?: string;
}) {
  const data = toPlotPoints(points);
  return (
    <div
      className="h-64"
      data-testid="balance-chart"
      data-points={points.length}
      role="img"
      aria-label={`${label}, ${points.length} ${points.length === 1 ? 'point' : 'points'}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => new Date(t).toLocaleDateString()}
            fontSize={12}
          />
          <YAxis dataKey="plotted" fontSize={12} width={64} tickFormatter={formatAxisTick} />
          <Tooltip content={<BalanceTooltip currency={currency} />} />
          <Line
            type="stepAfter"
            dataKey="plotted"
            stroke="#4f46e5"
            strokeWidth={2}
            dot={data.length <= DOTTED_POINTS_MAX}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
