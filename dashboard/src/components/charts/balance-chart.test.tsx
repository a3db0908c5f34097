import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BalanceTooltip, formatAxisTick, toPlotPoints } from './balance-chart';

const huge = '1234567890123456789.01'; // more digits than a double keeps

describe('BalanceChart', () => {
  it('plots a number but keeps the exact decimal string of every point', () => {
    const [point] = toPlotPoints([{ at: '2026-11-24T10:00:00Z', balance: huge }]);
    expect(point?.balance).toBe(huge);
    expect(point?.iso).toBe('2026-11-24T10:00:00Z');
    expect(point?.at).toBe(Date.UTC(2026, 10, 24, 10));
    expect(String(point?.plotted)).not.toBe(huge);
  });

  it('shows the exact balance in the tooltip, formatted from the string, not from the plotted number', () => {
    const [point] = toPlotPoints([{ at: '2026-11-24T10:00:00Z', balance: huge }]);
    const html = renderToStaticMarkup(
      <BalanceTooltip active payload={[{ payload: point }]} currency="USD" />,
    );
    expect(html).toContain('data-testid="balance-chart-tooltip"');
    expect(html).toContain(`data-amount="${huge}"`);
    expect(html).toContain('Balance $1,234,567,890,123,456,789.01');
  });

  it('shows a negative balance with its sign and the currency scale', () => {
    const [point] = toPlotPoints([{ at: '2026-11-24T10:00:00Z', balance: '-5' }]);
    const html = renderToStaticMarkup(
      <BalanceTooltip active payload={[{ payload: point }]} currency="JPY" />,
    );
    expect(html).toContain('Balance -¥5<');
  });

  it('shows no tooltip when the pointer is not over a point', () => {
    const [point] = toPlotPoints([{ at: '2026-11-24T10:00:00Z', balance: '1.00' }]);
    expect(
      renderToStaticMarkup(<BalanceTooltip active={false} payload={[{ payload: point }]} currency="USD" />),
    ).toBe('');
    expect(renderToStaticMarkup(<BalanceTooltip active payload={[]} currency="USD" />)).toBe('');
  });

  it('labels the y-axis marks compactly (they are positions on the scale, not amounts)', () => {
    expect(formatAxisTick(1_500_000)).toBe('1.5M');
    expect(formatAxisTick(25)).toBe('25');
  });
});
