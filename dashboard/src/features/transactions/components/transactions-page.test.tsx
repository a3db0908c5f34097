// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { transaction } from '@/testing/fixtures';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import TransactionsPage from './transactions-page';

const TXS = '/api/ledgers/l1/transactions';

describe('TransactionsPage', () => {
  it('pages through the explorer with the cursor the server gave', async () => {
    const api = fakeApi({
      [`GET ${TXS}`]: ({ query }) =>
        query.get('cursor') === 'c2'
          ? json(200, { data: [transaction({ id: 't1', sequence: 1 })], next_cursor: null })
          : json(200, { data: [transaction({ id: 't2', sequence: 2 })], next_cursor: 'c2' }),
    });
    const user = userEvent.setup();
    renderWithApp(<TransactionsPage ledgerId="l1" />);

    const first = await screen.findByTestId('transaction-row-t2');
    expect(within(first).getByTestId('transaction-amount').textContent).toBe('$100.00');
    await user.click(screen.getByTestId('load-more'));

    await screen.findByTestId('transaction-row-t1');
    expect(screen.getByTestId('transaction-row-t2')).toBeTruthy();
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(api.to('GET', TXS).map((c) => c.query.get('cursor'))).toEqual([null, 'c2']);
  });

  it('sends the filters, keeps them in the URL and says when nothing matches', async () => {
    const api = fakeApi({
      [`GET ${TXS}`]: ({ query }) =>
        json(200, { data: query.get('status') ? [] : [transaction({ id: 't1' })], next_cursor: null }),
    });
    const user = userEvent.setup();
    const { location } = renderWithApp(<TransactionsPage ledgerId="l1" />, {
      route: '/ledgers/l1/transactions',
    });
    await screen.findByTestId('transaction-row-t1');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'voided');

    expect((await screen.findByTestId('empty-state')).textContent).toContain(
      'No transaction matches these filters',
    );
    expect(location()).toBe('/ledgers/l1/transactions?status=voided');
    expect(api.calls.at(-1)?.query.get('status')).toBe('voided');
  });

  it('turns the picked local times into instants for the API', async () => {
    const api = fakeApi({ [`GET ${TXS}`]: () => json(200, { data: [], next_cursor: null }) });
    renderWithApp(<TransactionsPage ledgerId="l1" />, {
      route: '/ledgers/l1/transactions?from=2026-11-01T00%3A00&to=2026-11-02T00%3A00',
    });

    await screen.findByTestId('empty-state');
    const sent = api.calls.at(-1)?.query;
    expect(sent?.get('from')).toBe(new Date('2026-11-01T00:00').toISOString());
    expect(sent?.get('to')).toBe(new Date('2026-11-02T00:00').toISOString());
  });

  it("shows the server's problem with a retry", async () => {
    let failures = 1;
    fakeApi({
      [`GET ${TXS}`]: () =>
        failures-- > 0
          ? problem(502, { title: 'Bad gateway' })
          : json(200, { data: [transaction({ id: 't1' })], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderWithApp(<TransactionsPage ledgerId="l1" />);

    const error = await screen.findByTestId('error-state');
    expect(error.textContent).toContain('Bad gateway');
    await user.click(within(error).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByTestId('transaction-row-t1')).toBeTruthy());
  });
});
