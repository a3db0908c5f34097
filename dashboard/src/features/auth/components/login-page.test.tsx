// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, problem, renderWithApp } from '@/testing/render';
import LoginPage from './login-page';

async function signIn(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('says why the person is back on the login page after a session expired', () => {
    fakeApi({});
    renderWithApp(<LoginPage />, { route: '/login?reason=session-expired&next=%2Fledgers%2Fl1%2Foverview' });
    expect(screen.getByTestId('session-expired').textContent).toContain('Your session expired');
  });

  it('shows wrong credentials in the form and stays on the page', async () => {
    const api = fakeApi({
      'POST /api/auth/login': () =>
        problem(401, { title: 'Wrong email or password', detail: 'Check both and try again.' }),
    });
    const { location } = renderWithApp(<LoginPage />, { route: '/login' });

    await signIn('dev@example.com', 'not-the-password');

    const error = await screen.findByTestId('form-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Wrong email or password. Check both and try again.');
    expect(location()).toBe('/login');
    expect(api.to('POST', '/api/auth/login')[0]?.body).toEqual({
      email: 'dev@example.com',
      password: 'not-the-password',
    });
  });

  it('checks the email before sending anything', async () => {
    const api = fakeApi({});
    renderWithApp(<LoginPage />, { route: '/login' });

    await signIn('not-an-email', 'x');

    expect(screen.getByTestId('field-error-email').textContent).toBe('Enter a valid email address');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(api.calls).toHaveLength(0);
  });

  it('returns to the page the session expired on, but never to another site', async () => {
    fakeApi({ 'POST /api/auth/login': () => new Response(null, { status: 204 }) });
    const first = renderWithApp(<LoginPage />, { route: '/login?next=%2Fledgers%2Fl1%2Foverview' });
    await signIn('dev@example.com', 'correct horse battery');
    await waitFor(() => expect(first.location()).toBe('/ledgers/l1/overview'));
    first.unmount();

    const second = renderWithApp(<LoginPage />, { route: '/login?next=%2F%2Fevil.example%2Fsteal' });
    await signIn('dev@example.com', 'correct horse battery');
    await waitFor(() => expect(second.location()).toBe('/ledgers'));
  });
});
