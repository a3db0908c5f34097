// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import NewTransactionPage from './new-transaction-page';

const TXS = '/api/ledgers/l1/transactions';
const accounts = [
  { code: 'assets:cash', name: 'Cash', currency: 'USD' },
  { code: 'assets:euro', name: 'Euro cash', currency: 'EUR' },
  { code: 'revenue:sales', name: 'Sales', currency: 'USD' },
];

function renderForm() {
  return renderWithApp(<NewTransactionPage ledgerId="l1" defaultCurrency="USD" accounts={accounts} />, {
    route: '/ledgers/l1/transactions/new',
  });
}

async function fillTwoLines(user: ReturnType<typeof userEvent.setup>, debit: string, credit: string) {
  await user.type(screen.getByLabelText('Posting 1 account'), 'assets:cash');
  await user.type(screen.getByLabelText('Posting 1 amount'), debit);
  await user.type(screen.getByLabelText('Posting 2 account'), 'revenue:sales');
  await user.type(screen.getByLabelText('Posting 2 amount'), credit);
}

describe('NewTransactionPage: the per-currency balance indicator', () => {
  it('follows the typing: names the side in excess, then says balanced to the cent', async () => {
    fakeApi({});
    const user = userEvent.setup();
    renderForm();
    const indicator = screen.getByTestId('balance-indicator');

    await fillTwoLines(user, '100.00', '99.99');
    expect(indicator.getAttribute('data-balanced')).toBe('false');
    expect(indicator.textContent).toContain('debits exceed credits by $0.01');

    // A third decimal is not a USD amount: the indicator counts it as incomplete rather than guessing.
    await user.type(screen.getByLabelText('Posting 2 amount'), '1');
    expect(indicator.textContent).toContain('1 posting has no valid amount or currency yet');

    await user.clear(screen.getByLabelText('Posting 2 amount'));
    await user.type(screen.getByLabelText('Posting 2 amount'), '100.01');
    expect(indicator.textContent).toContain('credits exceed debits by $0.01');

    await user.clear(screen.getByLabelText('Posting 2 amount'));
    await user.type(screen.getByLabelText('Posting 2 amount'), '100');
    expect(indicator.getAttribute('data-balanced')).toBe('true');
    expect(screen.getByTestId('balance-debits-USD').textContent).toBe('$100.00');
    expect(screen.getByTestId('balance-credits-USD').textContent).toBe('$100.00');
  });

  it('checks each currency on its own: a known account brings its currency, and equal numbers do not balance', async () => {
    fakeApi({});
    const user = userEvent.setup();
    renderForm();

    await user.type(screen.getByLabelText('Posting 1 account'), 'assets:euro');
    expect(screen.getByLabelText('Posting 1 currency')).toHaveProperty('value', 'EUR');
    await user.type(screen.getByLabelText('Posting 1 amount'), '10');
    await user.type(screen.getByLabelText('Posting 2 account'), 'revenue:sales');
    await user.type(screen.getByLabelText('Posting 2 amount'), '10');

    expect(screen.getByTestId('balance-indicator').getAttribute('data-balanced')).toBe('false');
    expect(screen.getByTestId('balance-row-EUR').getAttribute('data-balanced')).toBe('false');
    expect(screen.getByTestId('balance-row-USD').getAttribute('data-balanced')).toBe('false');

    // A third and fourth line close both currencies.
    await user.click(screen.getByTestId('add-posting'));
    await user.click(screen.getByTestId('add-posting'));
    const line3 = screen.getByTestId('posting-line-2');
    const line4 = screen.getByTestId('posting-line-3');
    await user.type(within(line3).getByLabelText('Posting 3 account'), 'assets:euro');
    await user.selectOptions(within(line3).getByLabelText('Posting 3 direction'), 'credit');
    await user.type(within(line3).getByLabelText('Posting 3 amount'), '10.00');
    await user.type(within(line4).getByLabelText('Posting 4 account'), 'assets:cash');
    await user.selectOptions(within(line4).getByLabelText('Posting 4 direction'), 'debit');
    await user.type(within(line4).getByLabelText('Posting 4 amount'), '10');

    expect(screen.getByTestId('balance-row-EUR').getAttribute('data-balanced')).toBe('true');
    expect(screen.getByTestId('balance-row-USD').getAttribute('data-balanced')).toBe('true');
    expect(screen.getByTestId('balance-indicator').getAttribute('data-balanced')).toBe('true');
  });
});

describe('NewTransactionPage: sending', () => {
  it("shows the server's error next to the posting it names, and retries the same body with the same key", async () => {
    const api = fakeApi({
      [`POST ${TXS}`]: () =>
        problem(422, {
          title: 'Transaction rejected',
          code: 'INSUFFICIENT_FUNDS',
          errors: [{ field: 'postings.1.amount', message: 'Exceeds the available balance' }],
        }),
    });
    const user = userEvent.setup();
    renderForm();
    await fillTwoLines(user, '5', '5');

    await user.click(screen.getByTestId('transaction-submit'));
    const error = await screen.findByTestId('field-error-postings[1].amount');
    expect(error.textContent).toBe('Exceeds the available balance');
    const amount = screen.getByLabelText('Posting 2 amount');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(amount.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByTestId('form-error').textContent).toContain('Transaction rejected');

    await user.click(screen.getByTestId('transaction-submit'));
    await waitFor(() => expect(api.to('POST', TXS)).toHaveLength(2));
    const [first, second] = api.to('POST', TXS).map((c) => c.body as Record<string, unknown>);
    expect(first?.postings).toEqual([
      { account_code: 'assets:cash', direction: 'debit', amount: '5', currency: 'USD' },
      { account_code: 'revenue:sales', direction: 'credit', amount: '5', currency: 'USD' },
    ]);
    expect(typeof first?.idempotency_key).toBe('string');
    expect(second?.idempotency_key).toBe(first?.idempotency_key);

    // An edited body is another request: another key.
    await user.type(screen.getByLabelText('Description'), 'Edited');
    await user.click(screen.getByTestId('transaction-submit'));
    await waitFor(() => expect(api.to('POST', TXS)).toHaveLength(3));
    expect((api.to('POST', TXS)[2]?.body as Record<string, unknown>).idempotency_key).not.toBe(
      first?.idempotency_key,
    );
  });

  it('sends nothing while an amount is not a valid amount for its currency', async () => {
    const api = fakeApi({});
    const user = userEvent.setup();
    renderForm();
    await fillTwoLines(user, '1.001', '1.001');

    await user.click(screen.getByTestId('transaction-submit'));

    expect(screen.getByTestId('field-error-postings[0].amount').textContent).not.toBe('');
    expect(api.to('POST', TXS)).toHaveLength(0);
  });

  it("opens the new transaction's page once the server records it", async () => {
    fakeApi({ [`POST ${TXS}`]: () => json(201, { id: 'tx-42' }) });
    const user = userEvent.setup();
    const { location } = renderForm();
    await fillTwoLines(user, '1.00', '1.00');

    await user.click(screen.getByTestId('transaction-submit'));

    await waitFor(() => expect(location()).toBe('/ledgers/l1/transactions/tx-42'));
  });
});
