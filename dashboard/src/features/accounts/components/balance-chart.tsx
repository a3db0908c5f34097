import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import type { BalancePoint } from '../api/get-balance-history';

interface Point {
  at: number;
  /** For plotting only: the chart needs a number; every text shown comes from `balance`. */
  plotted: number;
  balance: string;
}

export default function BalanceChart({
  points,
  currency,
}: {
  points: readonly BalancePoint[];
  currency: string;
}) {
  const data: Point[] = points.map((p) => ({
    at: Date.parse(p.at),
    plotted: Number(p.balance),
    balance: p.balance,
  }));
  return (
    <div
      className="h-64"
      data-testid="balance-chart"
      role="img"
      aria-label={`Balance over time, ${points.length} points`}
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
          <YAxis dataKey="plotted" fontSize={12} width={80} />
          <Tooltip
            labelFormatter={(t) => formatDateTime(new Date(Number(t)).toISOString())}
            formatter={(_value, _name, item) => [
              formatMoney((item.payload as Point).balance, currency),
              'Balance',
            ]}
          />
          <Line
            type="stepAfter"
            dataKey="plotted"
            stroke="#4f46e5"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
