import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { forgetSession } from '@/lib/session';

export function logout(): Promise<void> {
  return http.post('/api/auth/logout', undefined, { redirectOnUnauthorized: false });
}

/** Forgets the session and every cached answer whether or not the server still knew the session. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      forgetSession();
      queryClient.clear();
    },
  });
}
