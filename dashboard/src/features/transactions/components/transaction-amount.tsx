import { Money } from '@/components/ui/misc';
import { sumDecimals } from '@/lib/money';
import type { Posting } from '@/types/api';

/** What a transaction moves: the sum of its debits in each currency. */
export function TransactionAmount({ postings, testId }: { postings: readonly Posting[]; testId?: string }) {
  const currencies = [...new Set(postings.map((p) => p.currency))].sort();
  return (
    <span className="inline-flex flex-col items-end" data-testid={testId}>
      {currencies.map((currency) => (
        <Money
          key={currency}
          currency={currency}
          amount={sumDecimals(
            postings.filter((p) => p.currency === currency && p.direction === 'debit').map((p) => p.amount),
          )}
        />
      ))}
    </span>
  );
}
