// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { apiKey } from '@/testing/fixtures';
import { fakeApi, json, problem, renderWithApp } from '@/testing/render';
import type { ApiKey } from '@/types/api';
import type { CreatedApiKey } from '../api/create-api-key';
import ApiKeysPage, { RawKeyPanel, keyStatus } from './api-keys-page';

const key: ApiKey = {
  id: 'k1',
  prefix: 'sk_live_abcdef',
  description: 'CI',
  scope: 'read_write',
  created_at: '2026-11-24T10:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

const created: CreatedApiKey = { ...key, raw_key: 'sk_live_abcdefSECRETSECRETSECRET' };

describe('API keys page', () => {
  it('shows the raw key once, with a copy button and the warning that it will not be shown again', () => {
    const html = renderToStaticMarkup(<RawKeyPanel created={created} onDismiss={() => undefined} />);
    expect(html).toContain('data-testid="raw-key"');
    expect(html).toContain('sk_live_abcdefSECRETSECRETSECRET');
    expect(html).toContain('It will not be shown again');
    expect(html).toContain('data-testid="copy-raw-key"');
    expect(html).toContain('role="alert"');
  });

  it('tells revoked, expired and active keys apart', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(keyStatus(key, now)).toBe('active');
    expect(keyStatus({ ...key, expires_at: '2026-11-24T11:59:59Z' }, now)).toBe('expired');
    expect(keyStatus({ ...key, expires_at: '2026-11-24T12:00:01Z' }, now)).toBe('active');
    expect(
      keyStatus({ ...key, revoked_at: '2026-11-24T09:00:00Z', expires_at: '2027-01-01T00:00:00Z' }, now),
    ).toBe('revoked');
  });
});

const KEYS = '/api/ledgers/l1/api-keys';

describe('API keys page: revoking asks first', () => {
  it('revokes nothing when the dialog is cancelled, and revokes the named key once confirmed', async () => {
    let keys = [apiKey({ id: 'k1', prefix: 'sk_live_aaaa' }), apiKey({ id: 'k2', prefix: 'sk_live_bbbb' })];
    const api = fakeApi({
      [`GET ${KEYS}`]: () => json(200, { data: keys }),
      'POST /api/api-keys/k2/revoke': () => {
        keys = keys.map((k) => (k.id === 'k2' ? { ...k, revoked_at: '2026-11-24T12:00:00Z' } : k));
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderWithApp(<ApiKeysPage ledgerId="l1" />);

    const row = await screen.findByTestId('api-key-row-sk_live_bbbb');
    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(within(dialog).getByRole('heading').textContent).toBe('Revoke API key?');
    expect(dialog.textContent).toContain('sk_live_bbbb… will be refused from now on');

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    await waitFor(() => expect(dialog.hasAttribute('open')).toBe(false));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/api-keys/k2/revoke',
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('api-key-row-sk_live_bbbb').getAttribute('data-status')).toBe('revoked'),
    );
    expect(within(screen.getByTestId('api-key-row-sk_live_bbbb')).queryByRole('button')).toBeNull();
    expect(screen.getByTestId('api-key-row-sk_live_aaaa').getAttribute('data-status')).toBe('active');
  });

  it("keeps the dialog open with the server's reason when the revoke fails", async () => {
    fakeApi({
      [`GET ${KEYS}`]: () => json(200, { data: [apiKey({ id: 'k1', prefix: 'sk_live_aaaa' })] }),
      'POST /api/api-keys/k1/revoke': () =>
        problem(403, { title: 'Forbidden', detail: 'Only an owner may revoke keys.' }),
    });
    const user = userEvent.setup();
    renderWithApp(<ApiKeysPage ledgerId="l1" />);

    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByTestId('confirm-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    const error = await within(dialog).findByTestId('confirm-dialog-error');
    expect(error.textContent).toBe('Forbidden: Only an owner may revoke keys.');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(screen.getByTestId('api-key-row-sk_live_aaaa').getAttribute('data-status')).toBe('active');
  });
});

describe('API keys page: lists and the create form', () => {
  it('says there are no keys yet', async () => {
    fakeApi({ [`GET ${KEYS}`]: () => json(200, { data: [] }) });
    renderWithApp(<ApiKeysPage ledgerId="l1" />);
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No API keys yet');
  });

  it("puts the server's error for the expiry next to the expiry input", async () => {
    const api = fakeApi({
      [`GET ${KEYS}`]: () => json(200, { data: [] }),
      [`POST ${KEYS}`]: () =>
        problem(422, {
          title: 'Invalid API key',
          errors: [{ field: 'expires_at', message: 'Must be in the future' }],
        }),
    });
    const user = userEvent.setup();
    renderWithApp(<ApiKeysPage ledgerId="l1" />);

    await user.click(await screen.findByTestId('new-api-key'));
    await user.type(screen.getByLabelText('Description'), 'Nightly export');
    await user.click(screen.getByTestId('api-key-submit'));

    const error = await screen.findByTestId('field-error-expires_at');
    expect(error.textContent).toBe('Must be in the future');
    expect(api.to('POST', KEYS)[0]?.body).toMatchObject({
      description: 'Nightly export',
      scope: 'read_write',
    });
    expect(screen.queryByTestId('raw-key')).toBeNull();
  });
});
