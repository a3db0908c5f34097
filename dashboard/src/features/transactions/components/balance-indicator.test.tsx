import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkBalance } from '@/lib/money';
import { BalanceIndicator } from './balance-indicator';

/** Component tests: the indicator as rendered markup, for the cases a user meets while typing postings. */
describe('BalanceIndicator', () => {
  it('says balanced, per currency, when debits equal credits to the cent', () => {
    const html = renderToStaticMarkup(
      <BalanceIndicator
        check={checkBalance([
          { direction: 'debit', amount: '0.10', currency: 'USD' },
          { direction: 'debit', amount: '0.20', currency: 'USD' },
          { direction: 'credit', amount: '0.30', currency: 'USD' },
        ])}
      />,
    );
    expect(html).toContain('data-balanced="true"');
    expect(html).toContain('Balanced: debits equal credits');
    expect(html).toContain('$0.30');
  });

  it('names the side that exceeds and by how much', () => {
    const html = renderToStaticMarkup(
      <BalanceIndicator
        check={checkBalance([
          { direction: 'debit', amount: '100.00', currency: 'EUR' },
          { direction: 'credit', amount: '99.99', currency: 'EUR' },
        ])}
      />,
    );
    expect(html).toContain('data-balanced="false"');
    expect(html).toContain('debits exceed credits by');
    expect(html).toContain('0.01');
  });

  it('checks each currency on its own: equal numbers in two currencies do not balance', () => {
    const html = renderToStaticMarkup(
      <BalanceIndicator
        check={checkBalance([
          { direction: 'debit', amount: '100', currency: 'JPY' },
          { direction: 'credit', amount: '100', currency: 'USD' },
        ])}
      />,
    );
    expect(html).toContain('data-testid="balance-row-JPY" data-balanced="false"');
    expect(html).toContain('data-testid="balance-row-USD" data-balanced="false"');
    expect(html).toContain('Not balanced');
  });

  it('counts postings whose amount is not valid yet instead of guessing', () => {
    const check = checkBalance([
      { direction: 'debit', amount: '10.005', currency: 'USD' },
      { direction: 'credit', amount: '10.00', currency: 'USD' },
    ]);
    const html = renderToStaticMarkup(<BalanceIndicator check={check} />);
    expect(check.incompleteCount).toBe(1);
    expect(html).toContain('data-testid="balance-incomplete"');
    expect(html).toContain('data-balanced="false"');
  });
});
