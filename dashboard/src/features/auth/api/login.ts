import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http } from '@/lib/http';
import { rememberSession } from '@/lib/session';
import { meQueryKey } from './get-me';

export const loginInputSchema = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** 204 and a session cookie; 401 here means wrong credentials, not an expired session. */
export function login(input: LoginInput): Promise<void> {
  return http.post('/api/auth/login', input, { redirectOnUnauthorized: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async () => {
      rememberSession();
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

/** Where to go after signing in: only a path on this site (no open redirect), else the ledgers. */
export function safeNext(next: string | null): string {
  return next &&
    next.startsWith('/') &&
    !next.startsWith('//') &&
    !next.startsWith('/\\') &&
    !next.startsWith('/login')
    ? next
    : '/ledgers';
}
