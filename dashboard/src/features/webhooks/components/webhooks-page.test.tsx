// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, renderWithApp, type Route } from '@/testing/render';
import WebhooksPage from './webhooks-page';

const BASE = '/api/ledgers/l1';
const endpoint = {
  id: 'e1',
  url: 'https://example.com/hooks',
  description: 'Orders service',
  event_types: ['transaction.posted'],
  enabled: true,
  created_at: '2026-11-24T10:00:00Z',
};

function routes(extra: Record<string, Route> = {}, endpoints = [endpoint]): Record<string, Route> {
  return {
    [`GET ${BASE}/webhook-endpoints`]: () => json(200, { data: endpoints }),
    [`GET ${BASE}/webhook-deliveries`]: () => json(200, { data: [], next_cursor: null }),
    ...extra,
  };
}

describe('WebhooksPage', () => {
  it('says there are no endpoints and no deliveries yet', async () => {
    fakeApi(routes({}, []));
    renderWithApp(<WebhooksPage ledgerId="l1" />);

    await waitFor(() =>
      expect(screen.getAllByTestId('empty-state').map((e) => e.querySelector('p')?.textContent)).toEqual([
        'No webhook endpoints yet',
        'No deliveries yet',
      ]),
    );
  });

  it("puts the server's refusal of the URL next to the URL input and keeps the form", async () => {
    const api = fakeApi(
      routes({
        [`POST ${BASE}/webhook-endpoints`]: () =>
          problem(422, {
            title: 'Invalid webhook endpoint',
            errors: [{ field: 'url', message: 'The URL must use https' }],
          }),
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<WebhooksPage ledgerId="l1" />);

    await user.click(await screen.findByTestId('new-webhook'));
    const form = screen.getByTestId('webhook-form');
    await user.type(within(form).getByLabelText('URL'), 'http://example.com/hooks');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    const error = await within(form).findByTestId('field-error-url');
    expect(error.textContent).toBe('The URL must use https');
    expect(within(form).getByLabelText('URL').getAttribute('aria-describedby')).toBe(error.id);
    expect(api.to('POST', `${BASE}/webhook-endpoints`)[0]?.body).toMatchObject({
      url: 'http://example.com/hooks',
      event_types: ['transaction.posted'],
    });
    expect(screen.queryByTestId('webhook-secret-panel')).toBeNull();
  });

  it('rotates the signing secret only once confirmed, then shows the new secret once', async () => {
    const rotate = `${BASE}/webhook-endpoints/e1/rotate-secret`;
    const api = fakeApi(
      routes({ [`POST ${rotate}`]: () => json(200, { secret: 'whsec_bmV3IHNlY3JldA==' }) }),
    );
    const user = userEvent.setup();
    renderWithApp(<WebhooksPage ledgerId="l1" />);

    await user.click(await screen.findByTestId('webhook-rotate'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Rotate the signing secret?');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.to('POST', rotate)).toHaveLength(0);

    await user.click(screen.getByTestId('webhook-rotate'));
    await user.click(within(dialog).getByRole('button', { name: 'Rotate' }));

    await waitFor(() =>
      expect(screen.getByTestId('webhook-secret').textContent).toBe('whsec_bmV3IHNlY3JldA=='),
    );
    expect(api.to('POST', rotate)).toHaveLength(1);
    expect(dialog.hasAttribute('open')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'I have stored the secret' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });
});
