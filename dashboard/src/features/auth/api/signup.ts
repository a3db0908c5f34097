import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { http } from '@/lib/http';
import { rememberSession } from '@/lib/session';
import { meQueryKey } from './get-me';

export const PASSWORD_LENGTH_MIN = 12;

export const signupInputSchema = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  password: z
    .string()
    .min(PASSWORD_LENGTH_MIN, `Use at least ${PASSWORD_LENGTH_MIN} characters`)
    .max(512, 'Use at most 512 characters'),
  organization_name: z
    .string()
    .trim()
    .min(1, 'Name your organization')
    .max(200, 'Use at most 200 characters'),
});
export type SignupInput = z.infer<typeof signupInputSchema>;

/** 201; the answer also signs the new user in (session cookie). */
export function signup(input: SignupInput): Promise<void> {
  return http.post('/api/auth/signup', input, { redirectOnUnauthorized: false });
}

export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signup,
    onSuccess: async () => {
      rememberSession();
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
