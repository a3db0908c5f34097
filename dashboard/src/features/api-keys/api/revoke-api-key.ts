import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';
import { apiKeysQueryKey } from './get-api-keys';

export function revokeApiKey(keyId: string): Promise<void> {
  return http.post(`/api/api-keys/${seg(keyId)}/revoke`);
}

export function useRevokeApiKey(ledgerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(ledgerId) }),
  });
}
