import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http, seg } from '@/lib/http';

/** post and void act on a pending transaction; reverse on a posted one. */
export type TransactionAction = 'post' | 'void' | 'reverse';

export function runTransactionAction(
  ledgerId: string,
  txId: string,
  action: TransactionAction,
): Promise<void> {
  return http.post(`/api/ledgers/${seg(ledgerId)}/transactions/${seg(txId)}/${action}`);
}

export function useTransactionAction(ledgerId: string, txId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: TransactionAction) => runTransactionAction(ledgerId, txId, action),
    // Balances, the list, the overview and this transaction all change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ledgers', ledgerId] }),
  });
}
