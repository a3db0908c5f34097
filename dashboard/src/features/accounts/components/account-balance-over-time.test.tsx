// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { account } from '@/testing/fixtures';
import { fakeApi, json, problem, renderWithApp, type Route } from '@/testing/render';
import { AccountBalanceOverTime } from './account-balance-over-time';

const LEDGER = '/api/ledgers/l1';
const cash = account({ code: 'assets:cash', name: 'Cash', currency: 'USD' });
const sales = account({ code: 'revenue:sales', name: 'Sales', type: 'revenue', currency: 'EUR' });

/** Routes for a ledger with these accounts (one page unless `nextCursor`) and their balance histories. */
function ledgerWith(
  accounts: ReturnType<typeof account>[],
  histories: Record<string, Route>,
  nextCursor: string | null = null,
): Record<string, Route> {
  const routes: Record<string, Route> = {
    [`GET ${LEDGER}/accounts`]: ({ query }) => {
      const q = query.get('q');
      const data = q ? accounts.filter((a) => a.code.includes(q) || a.name.includes(q)) : accounts;
      return json(200, { data, next_cursor: q ? null : nextCursor });
    },
  };
  for (const a of accounts) {
    const path = `${LEDGER}/accounts/${encodeURIComponent(a.code)}`;
    routes[`GET ${path}`] = () => json(200, a);
    const history = histories[a.code];
    if (history) routes[`GET ${path}/balance-history`] = history;
  }
  return routes;
}

describe('AccountBalanceOverTime (the overview chart and its account picker)', () => {
  it('shows the first account until one is picked, then the picked one, and keeps the pick in the URL', async () => {
    const api = fakeApi(
      ledgerWith([cash, sales], {
        'assets:cash': () =>
          json(200, {
            data: [
              { at: '2026-11-24T10:00:00Z', balance: '100.00' },
              { at: '2026-11-24T11:00:00Z', balance: '1234567890123456789.01' },
            ],
          }),
        'revenue:sales': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '0.10' }] }),
      }),
    );
    const user = userEvent.setup();
    const { location } = renderWithApp(<AccountBalanceOverTime ledgerId="l1" />, { route: '/overview' });

    const picker = await screen.findByRole('combobox', { name: 'Account' });
    expect(picker).toHaveProperty('value', 'assets:cash');
    // The latest balance is the exact decimal string, grouped, beyond what a float could hold.
    const latest = await screen.findByTestId('balance-history-latest');
    expect(latest.getAttribute('data-amount')).toBe('1234567890123456789.01');
    expect(latest.textContent).toBe('$1,234,567,890,123,456,789.01');
    const chart = await screen.findByTestId('balance-chart');
    expect(chart.getAttribute('data-points')).toBe('2');
    expect(chart.getAttribute('aria-label')).toBe('Balance of Cash over time, 2 points');

    await user.selectOptions(picker, 'revenue:sales');

    expect(location()).toBe('/overview?account=revenue%3Asales');
    await waitFor(() =>
      expect(screen.getByTestId('balance-history-latest').getAttribute('data-amount')).toBe('0.10'),
    );
    expect(screen.getByTestId('balance-history-latest').textContent).toBe('€0.10');
    expect(api.to('GET', `${LEDGER}/accounts/revenue%3Asales/balance-history`)).toHaveLength(1);
  });

  it('is reached with Tab and named by its label, so it works without a mouse', async () => {
    fakeApi(
      ledgerWith([cash, sales], {
        'assets:cash': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '5.00' }] }),
        'revenue:sales': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '7.00' }] }),
      }),
    );
    const user = userEvent.setup();
    const { location } = renderWithApp(<AccountBalanceOverTime ledgerId="l1" />, { route: '/overview' });
    const picker = await screen.findByRole('combobox', { name: 'Account' });

    await user.tab();
    expect(document.activeElement).toBe(picker);
    expect(picker.id).not.toBe('');
    expect(document.querySelector(`label[for="${picker.id}"]`)?.textContent).toBe('Account');
    // Choosing an option is the browser's own select behaviour (arrow keys); jsdom does not run it.
    await user.selectOptions(picker, 'revenue:sales');

    await waitFor(() => expect(location()).toBe('/overview?account=revenue%3Asales'));
    await waitFor(() =>
      expect(screen.getByTestId('balance-history-latest').getAttribute('data-amount')).toBe('7.00'),
    );
  });

  it('opens on the account named in the URL without loading the first one', async () => {
    const api = fakeApi(
      ledgerWith([cash, sales], {
        'assets:cash': () => json(200, { data: [] }),
        'revenue:sales': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '42.00' }] }),
      }),
    );
    renderWithApp(<AccountBalanceOverTime ledgerId="l1" />, { route: '/overview?account=revenue%3Asales' });

    await waitFor(() =>
      expect(screen.getByTestId('balance-history-latest').getAttribute('data-amount')).toBe('42.00'),
    );
    expect(screen.getByRole('combobox', { name: 'Account' })).toHaveProperty('value', 'revenue:sales');
    expect(api.to('GET', `${LEDGER}/accounts/assets%3Acash/balance-history`)).toHaveLength(0);
  });

  it('offers a search when the ledger has more accounts than one page, and keeps the pick listed', async () => {
    const api = fakeApi(
      ledgerWith(
        [cash, sales],
        {
          'assets:cash': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '1.00' }] }),
          'revenue:sales': () => json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '2.00' }] }),
        },
        'next-page',
      ),
    );
    const user = userEvent.setup();
    renderWithApp(<AccountBalanceOverTime ledgerId="l1" />, { route: '/overview' });

    const search = await screen.findByRole('searchbox', { name: 'Find an account' });
    await user.type(search, 'Sal');

    await waitFor(() =>
      expect(api.calls.some((c) => c.path === `${LEDGER}/accounts` && c.query.get('q') === 'Sal')).toBe(true),
    );
    const picker = screen.getByRole('combobox', { name: 'Account' });
    // The current pick stays first (a select must show its value), then the matches.
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.getAttribute('value')),
      ).toEqual(['assets:cash', 'revenue:sales']),
    );
    await user.selectOptions(picker, 'revenue:sales');
    await waitFor(() =>
      expect(screen.getByTestId('balance-history-latest').getAttribute('data-amount')).toBe('2.00'),
    );
  });

  it('says there is nothing to chart yet when the account has no movements', async () => {
    fakeApi(ledgerWith([cash], { 'assets:cash': () => json(200, { data: [] }) }));
    renderWithApp(<AccountBalanceOverTime ledgerId="l1" />);

    expect((await screen.findByTestId('balance-history-empty')).textContent).toContain('No movements yet');
    expect(screen.queryByTestId('balance-chart')).toBeNull();
  });

  it('points to the accounts page when the ledger has no accounts', async () => {
    fakeApi(ledgerWith([], {}));
    renderWithApp(<AccountBalanceOverTime ledgerId="l1" />);

    const empty = await screen.findByTestId('overview-balance-empty');
    expect(empty.textContent).toContain('No accounts yet');
    expect(within(empty).getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(
      '/ledgers/l1/accounts',
    );
    expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull();
  });

  it("shows the server's problem, with a retry that asks again, when the history cannot be read", async () => {
    let failures = 1;
    const api = fakeApi(
      ledgerWith([cash], {
        'assets:cash': () =>
          failures-- > 0
            ? problem(503, { title: 'Read model unavailable', detail: 'The projector is catching up.' })
            : json(200, { data: [{ at: '2026-11-24T10:00:00Z', balance: '3.00' }] }),
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AccountBalanceOverTime ledgerId="l1" />);

    const error = await screen.findByTestId('error-state');
    expect(error.textContent).toContain('Read model unavailable');
    expect(error.textContent).toContain('The projector is catching up.');
    await user.click(within(error).getByRole('button', { name: 'Try again' }));

    await waitFor(() =>
      expect(screen.getByTestId('balance-history-latest').getAttribute('data-amount')).toBe('3.00'),
    );
    expect(api.to('GET', `${LEDGER}/accounts/assets%3Acash/balance-history`)).toHaveLength(2);
  });
});
