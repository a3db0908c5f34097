// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { account } from '@/testing/fixtures';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import AccountsPage from './accounts-page';

const ACCOUNTS = '/api/ledgers/l1/accounts';

function renderPage(route = '/ledgers/l1/accounts') {
  return renderWithApp(<AccountsPage ledgerId="l1" defaultCurrency="USD" />, { route });
}

describe('AccountsPage: the list', () => {
  it('shows a loading state, then each account with its exact balances', async () => {
    let answer: (response: Response) => void = () => undefined;
    fakeApi({ [`GET ${ACCOUNTS}`]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    renderPage();

    expect(await screen.findByTestId('loading')).toBeTruthy();
    answer(
      json(200, {
        data: [account({ code: 'assets:cash', posted_balance: '1234.5', available_balance: '-0.01' })],
      }),
    );

    const row = await screen.findByTestId('account-row-assets:cash');
    expect(within(row).getByTestId('balance-posted-assets:cash').textContent).toBe('$1,234.50');
    expect(within(row).getByTestId('balance-available-assets:cash').textContent).toBe('-$0.01');
    expect(screen.queryByTestId('loading')).toBeNull();
  });

  it('says the ledger has no accounts yet, and tells filters that match nothing apart', async () => {
    const api = fakeApi({ [`GET ${ACCOUNTS}`]: () => json(200, { data: [], next_cursor: null }) });
    const user = userEvent.setup();
    renderPage();

    expect((await screen.findByTestId('empty-state')).textContent).toContain('No accounts yet');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'revenue');

    await waitFor(() =>
      expect(screen.getByTestId('empty-state').textContent).toContain('No account matches these filters'),
    );
    expect(api.calls.at(-1)?.query.get('type')).toBe('revenue');
  });

  it("shows the server's problem when the list cannot be read, and asks again on retry", async () => {
    let failures = 1;
    const api = fakeApi({
      [`GET ${ACCOUNTS}`]: () =>
        failures-- > 0
          ? problem(500, { title: 'Internal error', detail: 'Try again in a moment.' })
          : json(200, { data: [account({ code: 'assets:cash' })] }),
    });
    const user = userEvent.setup();
    renderPage();

    const error = await screen.findByTestId('error-state');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Internal error');
    expect(error.textContent).toContain('Try again in a moment.');
    await user.click(within(error).getByRole('button', { name: 'Try again' }));

    await screen.findByTestId('account-row-assets:cash');
    expect(api.to('GET', ACCOUNTS)).toHaveLength(2);
  });
});

describe('AccountsPage: the create form', () => {
  async function openForm() {
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('new-account'));
    const form = screen.getByTestId('account-form');
    return { user, form };
  }

  it("puts each of the server's field errors next to its input and the rest at the top", async () => {
    const api = fakeApi({
      [`GET ${ACCOUNTS}`]: () => json(200, { data: [] }),
      [`POST ${ACCOUNTS}`]: () =>
        problem(422, {
          title: 'Invalid account',
          detail: 'Two fields need a change.',
          code: 'VALIDATION_FAILED',
          errors: [
            { field: 'code', message: 'An account with this code already exists' },
            { field: 'currency', message: 'This ledger does not hold XTS' },
            { field: 'metadata.owner', message: 'Unknown key' },
          ],
        }),
    });
    renderPage();
    const { user, form } = await openForm();

    await user.type(within(form).getByLabelText('Code'), 'assets:cash');
    await user.type(within(form).getByLabelText('Name'), 'Cash');
    await user.click(within(form).getByTestId('account-submit'));

    const codeError = await within(form).findByTestId('field-error-code');
    expect(codeError.textContent).toBe('An account with this code already exists');
    const code = within(form).getByLabelText('Code');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-describedby')).toBe(codeError.id);
    expect(within(form).getByTestId('field-error-currency').textContent).toBe(
      'This ledger does not hold XTS',
    );
    // The title, the detail and the error for a field the form does not have, at the top.
    const summary = within(form).getByTestId('form-error');
    expect(summary.textContent).toContain('Invalid account. Two fields need a change.');
    expect(summary.textContent).toContain('metadata.owner: Unknown key');
    expect(api.to('POST', ACCOUNTS)[0]?.body).toEqual({
      code: 'assets:cash',
      name: 'Cash',
      type: 'asset',
      currency: 'USD',
    });
    // The form stays open with what was typed.
    expect(within(form).getByLabelText('Name')).toHaveProperty('value', 'Cash');
  });

  it('checks the inputs before sending anything', async () => {
    const api = fakeApi({ [`GET ${ACCOUNTS}`]: () => json(200, { data: [] }) });
    renderPage();
    const { user, form } = await openForm();

    await user.type(within(form).getByLabelText('Code'), 'has space');
    await user.click(within(form).getByTestId('account-submit'));

    expect(within(form).getByTestId('field-error-code').textContent).not.toBe('');
    expect(within(form).getByTestId('field-error-name').textContent).toBe('Name the account');
    expect(api.to('POST', ACCOUNTS)).toHaveLength(0);
  });

  it('closes the form and shows the new account after the server accepts it', async () => {
    const created = account({ code: 'assets:bank', name: 'Bank' });
    let listed: ReturnType<typeof account>[] = [];
    fakeApi({
      [`GET ${ACCOUNTS}`]: () => json(200, { data: listed }),
      [`POST ${ACCOUNTS}`]: () => {
        listed = [created];
        return json(201, created);
      },
    });
    renderPage();
    const { user, form } = await openForm();

    await user.type(within(form).getByLabelText('Code'), 'assets:bank');
    await user.type(within(form).getByLabelText('Name'), 'Bank');
    await user.click(within(form).getByTestId('account-submit'));

    await screen.findByTestId('account-row-assets:bank');
    expect(screen.queryByTestId('account-form')).toBeNull();
  });
});
