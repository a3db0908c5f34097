import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/misc';
import { SESSION_EXPIRED_REASON } from '@/lib/http';
import { useForm } from '@/lib/use-form';
import { loginInputSchema, safeNext, useLogin } from '../api/login';
import { AuthFrame } from './auth-frame';

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const form = useForm(loginInputSchema, { email: '', password: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    login.mutate(input, {
      onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
      onError: form.fail,
    });
  }

  return (
    <AuthFrame
      title="Sign in to LaaS"
      footer={
        <>
          No account yet?{' '}
          <Link
            to="/signup"
            className="font-semibold text-indigo-600 hover:underline"
            data-testid="signup-link"
          >
            Create one
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} data-testid="login-form" className="space-y-4">
        {params.get('reason') === SESSION_EXPIRED_REASON ? (
          <Notice tone="amber" testId="session-expired">
            Your session expired. Please sign in again.
          </Notice>
        ) : null}
        <FormError message={form.errors.summary} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.values.email}
          onChange={(e) => form.set('email', e.target.value)}
          error={form.errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={form.values.password}
          onChange={(e) => form.set('password', e.target.value)}
          error={form.errors.fields.password}
        />
        <Button type="submit" className="w-full" busy={login.isPending} data-testid="login-submit">
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}
