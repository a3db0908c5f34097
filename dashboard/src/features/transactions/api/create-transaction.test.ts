import { describe, expect, it } from 'vitest';
import { zodFieldErrors } from '@/lib/form-errors';
import { createTransactionInputSchema } from './create-transaction';

const posting = (account_code: string, direction: 'debit' | 'credit', amount: string, currency = 'USD') => ({
  account_code,
  direction,
  amount,
  currency,
});

function errorsOf(input: unknown) {
  const result = createTransactionInputSchema.safeParse(input);
  return result.success ? {} : zodFieldErrors(result.error);
}

describe('createTransactionInputSchema', () => {
  it('accepts a balanced transaction and normalises its text', () => {
    const result = createTransactionInputSchema.parse({
      description: '  Top-up ',
      postings: [posting(' assets:cash ', 'debit', ' 100.00 ', 'usd'), posting('revenue', 'credit', '100')],
    });
    expect(result).toEqual({
      description: 'Top-up',
      postings: [
        posting('assets:cash', 'debit', '100.00', 'USD'),
        posting('revenue', 'credit', '100', 'USD'),
      ],
    });
  });

  it('refuses debits that do not equal credits, naming the currency', () => {
    expect(
      errorsOf({
        description: '',
        postings: [posting('a', 'debit', '100.00'), posting('b', 'credit', '99.99')],
      }),
    ).toEqual({
      postings: 'Debits must equal credits in USD',
    });
  });

  it('checks each currency on its own', () => {
    const errors = errorsOf({
      description: '',
      postings: [posting('a', 'debit', '10'), posting('b', 'credit', '10', 'EUR')],
    });
    expect(errors.postings).toBe('Debits must equal credits in EUR, USD');
  });

  it('puts amount problems on the posting at fault', () => {
    const errors = errorsOf({
      description: '',
      postings: [posting('a', 'debit', '1.005'), posting('b', 'credit', '0')],
    });
    expect(errors['postings[0].amount']).toBe('USD amounts have at most 2 decimals');
    expect(errors['postings[1].amount']).toBe('Amount must be greater than zero');
  });

  it('refuses bad account codes and fewer than two postings', () => {
    expect(
      errorsOf({ description: '', postings: [posting('-bad', 'debit', '1'), posting('ok', 'credit', '1')] })[
        'postings[0].account_code'
      ],
    ).toMatch(/letters, digits/);
    expect(errorsOf({ description: '', postings: [posting('a', 'debit', '1')] }).postings).toBe(
      'A transaction needs at least two postings',
    );
  });
});
