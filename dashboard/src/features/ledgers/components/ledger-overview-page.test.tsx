// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import LedgerOverviewPage from './ledger-overview-page';

const OVERVIEW = 'GET /api/ledgers/l1/overview';

const overview = {
  totals: [
    { currency: 'USD', debits: '1000000.10', credits: '1000000.10' },
    { currency: 'EUR', debits: '5.00', credits: '4.99' },
  ],
  drift: { status: 'drift', checked_at: '2026-11-24T21:16:22Z' },
  projection_lag_ms: 1500,
  last_sequence: 9,
  projected_sequence: 8,
  recent_transactions: [
    {
      id: 't9',
      sequence: 9,
      description: 'Card fee',
      status: 'posted',
      occurred_at: '2026-11-24T21:10:22Z',
      postings: [
        { account_code: 'fees', direction: 'debit', amount: '2.95', currency: 'USD' },
        { account_code: 'cash', direction: 'credit', amount: '2.95', currency: 'USD' },
      ],
    },
  ],
};

describe('LedgerOverviewPage', () => {
  it('shows totals per currency with exact amounts, flags a currency whose sides differ, and the read-model health', async () => {
    fakeApi({ [OVERVIEW]: () => json(200, overview) });
    renderWithApp(
      <LedgerOverviewPage ledgerId="l1" balanceOverTime={<p data-testid="slot">chart here</p>} />,
    );

    const usd = await screen.findByTestId('totals-row-USD');
    expect(usd.textContent).toContain('$1,000,000.10');
    expect(within(usd).getByText('ok').getAttribute('data-status')).toBe('ok');
    const eur = screen.getByTestId('totals-row-EUR');
    expect(within(eur).getByText('drift').getAttribute('data-status')).toBe('drift');
    expect(within(screen.getByTestId('drift-status')).getByText('drift')).toBeTruthy();
    expect(screen.getByTestId('projection-lag').textContent).toContain('1.5 s');
    const recent = screen.getByTestId('recent-transaction-9');
    expect(within(recent).getByRole('link', { name: 'Card fee' }).getAttribute('href')).toBe(
      '/ledgers/l1/transactions/t9',
    );
    expect(recent.textContent).toContain('$2.95');
    // The balance-over-time card the app passes in is shown on the page.
    expect(screen.getByTestId('slot').textContent).toBe('chart here');
  });

  it('says nothing is posted yet on a new ledger and links to the first transaction', async () => {
    fakeApi({
      [OVERVIEW]: () =>
        json(200, {
          ...overview,
          totals: [],
          recent_transactions: [],
          drift: { status: 'unknown', checked_at: null },
        }),
    });
    renderWithApp(<LedgerOverviewPage ledgerId="l1" />);

    const empties = await screen.findAllByTestId('empty-state');
    expect(empties.map((e) => e.textContent)).toEqual([
      'Nothing posted yet',
      'No transactions yetRecord the first one',
    ]);
    expect(screen.getByRole('link', { name: 'Record the first one' }).getAttribute('href')).toBe(
      '/ledgers/l1/transactions/new',
    );
  });

  it("shows the server's problem instead of an empty page", async () => {
    fakeApi({ [OVERVIEW]: () => problem(404, { title: 'Ledger not found', detail: 'No ledger l1.' }) });
    renderWithApp(<LedgerOverviewPage ledgerId="l1" />);

    const error = await screen.findByTestId('error-state');
    expect(error.textContent).toContain('Ledger not found');
    expect(error.textContent).toContain('No ledger l1.');
  });
});
