// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { transaction } from '@/testing/fixtures';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import type { Transaction } from '@/types/api';
import TransactionPage from './transaction-page';

const TX = '/api/ledgers/l1/transactions/t1';

function serve(tx: Transaction, action?: { name: string; answer: () => Response }) {
  let current = tx;
  return fakeApi({
    [`GET ${TX}`]: () => json(200, current),
    ...(action
      ? {
          [`POST ${TX}/${action.name}`]: () => {
            const answer = action.answer();
            if (answer.ok) current = { ...current, status: action.name === 'void' ? 'voided' : 'reversed' };
            return answer;
          },
        }
      : {}),
  });
}

const posts = (api: ReturnType<typeof fakeApi>) =>
  api.calls.filter((c) => c.method === 'POST').map((c) => c.path);

describe('TransactionPage: actions ask for confirmation', () => {
  it('offers only Reverse on a posted transaction, and sends nothing when the dialog is cancelled', async () => {
    const api = serve(transaction({ id: 't1', status: 'posted' }));
    const user = userEvent.setup();
    renderWithApp(<TransactionPage ledgerId="l1" txId="t1" />);

    await screen.findByTestId('transaction-detail');
    expect(screen.queryByTestId('transaction-void')).toBeNull();
    expect(screen.queryByTestId('transaction-post')).toBeNull();
    await user.click(screen.getByTestId('transaction-reverse'));

    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(within(dialog).getByRole('heading').textContent).toBe('Reverse this transaction?');
    expect(dialog.textContent).toContain('every posting flipped');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(dialog.hasAttribute('open')).toBe(false);
    expect(posts(api)).toEqual([]);
  });

  it('reverses once confirmed, then shows the new status', async () => {
    const api = serve(transaction({ id: 't1', status: 'posted' }), {
      name: 'reverse',
      answer: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderWithApp(<TransactionPage ledgerId="l1" txId="t1" />);

    await user.click(await screen.findByTestId('transaction-reverse'));
    await user.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Reverse' }));

    await waitFor(() =>
      expect(screen.getByTestId('transaction-status').getAttribute('data-status')).toBe('reversed'),
    );
    expect(posts(api)).toEqual([`${TX}/reverse`]);
    expect(screen.getByTestId('confirm-dialog').hasAttribute('open')).toBe(false);
  });

  it("voids a pending transaction once confirmed, and shows the server's refusal inside the dialog", async () => {
    const api = serve(transaction({ id: 't1', status: 'pending' }), {
      name: 'void',
      answer: () =>
        problem(409, {
          title: 'Transaction is not pending',
          detail: 'It is posted.',
          code: 'TRANSACTION_NOT_PENDING',
        }),
    });
    const user = userEvent.setup();
    renderWithApp(<TransactionPage ledgerId="l1" txId="t1" />);

    expect(await screen.findByTestId('transaction-post')).toBeTruthy();
    await user.click(screen.getByTestId('transaction-void'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Void this pending transaction?');
    await user.click(within(dialog).getByRole('button', { name: 'Void' }));

    const error = await within(dialog).findByTestId('confirm-dialog-error');
    expect(error.textContent).toBe('Transaction is not pending: It is posted.');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(posts(api)).toEqual([`${TX}/void`]);
    expect(screen.getByTestId('transaction-status').getAttribute('data-status')).toBe('pending');
  });
});
