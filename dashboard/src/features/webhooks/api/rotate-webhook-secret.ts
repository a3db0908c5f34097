import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { http, seg } from '@/lib/http';

/** The new signing secret comes back once; deliveries are signed with it from now on. */
export const rotatedSecretSchema = z.object({ secret: z.string().min(1) }).passthrough();

export function rotateWebhookSecret(ledgerId: string, endpointId: string): Promise<{ secret: string }> {
  return http.post(
    `/api/ledgers/${seg(ledgerId)}/webhook-endpoints/${seg(endpointId)}/rotate-secret`,
    undefined,
    {
      schema: rotatedSecretSchema,
    },
  );
}

export function useRotateWebhookSecret(ledgerId: string) {
  return useMutation({ mutationFn: (endpointId: string) => rotateWebhookSecret(ledgerId, endpointId) });
}
