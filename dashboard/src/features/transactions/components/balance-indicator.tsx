import { formatMoney, type BalanceCheck } from '@/lib/money';

/** Shows, while postings are typed, whether debits equal credits in every currency (exact decimal sums). */
export function BalanceIndicator({ check }: { check: BalanceCheck }) {
  const headline =
    check.currencies.length === 0
      ? 'Enter amounts to check the balance'
      : check.balanced
        ? 'Balanced: debits equal credits'
        : check.currencies.every((c) => c.balanced)
          ? 'Balanced so far; some postings are incomplete'
          : 'Not balanced: debits and credits differ';
  const tone = check.balanced
    ? 'bg-green-50 ring-green-200 text-green-800'
    : 'bg-amber-50 ring-amber-200 text-amber-900';
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="balance-indicator"
      data-balanced={check.balanced}
      className={`rounded-md p-3 text-sm ring-1 ring-inset ${tone}`}
    >
      <p className="font-semibold" data-testid="balance-indicator-headline">
        {headline}
      </p>
      {check.currencies.length > 0 ? (
        <table className="mt-2 text-xs">
          <thead>
            <tr className="text-left">
              <th className="pr-4 font-medium">Currency</th>
              <th className="pr-4 text-right font-medium">Debits</th>
              <th className="pr-4 text-right font-medium">Credits</th>
              <th className="font-medium">Difference</th>
            </tr>
          </thead>
          <tbody>
            {check.currencies.map((c) => (
              <tr key={c.currency} data-testid={`balance-row-${c.currency}`} data-balanced={c.balanced}>
                <td className="pr-4">{c.currency}</td>
                <td className="pr-4 text-right tabular-nums" data-testid={`balance-debits-${c.currency}`}>
                  {formatMoney(c.debits, c.currency)}
                </td>
                <td className="pr-4 text-right tabular-nums" data-testid={`balance-credits-${c.currency}`}>
                  {formatMoney(c.credits, c.currency)}
                </td>
                <td className="tabular-nums">
                  {c.balanced
                    ? '✓ balanced'
                    : c.difference.startsWith('-')
                      ? `credits exceed debits by ${formatMoney(c.difference.slice(1), c.currency)}`
                      : `debits exceed credits by ${formatMoney(c.difference, c.currency)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {check.incompleteCount > 0 ? (
        <p className="mt-2 text-xs" data-testid="balance-incomplete">
          {check.incompleteCount === 1 ? '1 posting has' : `${check.incompleteCount} postings have`} no valid
          amount or currency yet.
        </p>
      ) : null}
    </div>
  );
}
