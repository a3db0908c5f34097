import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useForm } from '@/lib/use-form';
import { PASSWORD_LENGTH_MIN, signupInputSchema, useSignup } from '../api/signup';
import { AuthFrame } from './auth-frame';

export default function SignupPage() {
  const navigate = useNavigate();
  const signup = useSignup();
  const form = useForm(signupInputSchema, { email: '', password: '', organization_name: '' });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input = form.validate();
    if (!input) return;
    signup.mutate(input, {
      onSuccess: () => navigate('/ledgers', { replace: true }),
      onError: form.fail,
    });
  }

  return (
    <AuthFrame
      title="Create your LaaS account"
      footer={
        <>
          Already have an account?{' '}
          <Link
            to="/login"
            className="font-semibold text-indigo-600 hover:underline"
            data-testid="login-link"
          >
            Sign in
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} data-testid="signup-form" className="space-y-4">
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
          autoComplete="new-password"
          required
          minLength={PASSWORD_LENGTH_MIN}
          hint={`At least ${PASSWORD_LENGTH_MIN} characters.`}
          value={form.values.password}
          onChange={(e) => form.set('password', e.target.value)}
          error={form.errors.fields.password}
        />
        <TextField
          label="Organization name"
          name="organization_name"
          autoComplete="organization"
          required
          value={form.values.organization_name}
          onChange={(e) => form.set('organization_name', e.target.value)}
          error={form.errors.fields.organization_name}
        />
        <Button type="submit" className="w-full" busy={signup.isPending} data-testid="signup-submit">
          Create account
        </Button>
      </form>
    </AuthFrame>
  );
}
