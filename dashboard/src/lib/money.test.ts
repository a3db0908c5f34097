import { describe, expect, it } from 'vitest';
import {
  amountProblem,
  checkBalance,
  compareDecimals,
  currencyScale,
  formatAmount,
  formatDecimal,
  formatMoney,
  groupThousands,
  isDecimal,
  parseDecimal,
  subtractDecimals,
  sumDecimals,
} from './money';

const NBSP = '\u00a0';

describe('parseDecimal / formatDecimal', () => {
  it('parses units and scale exactly', () => {
    expect(parseDecimal('1234.50')).toEqual({ units: 123450n, scale: 2 });
    expect(parseDecimal('-0.05')).toEqual({ units: -5n, scale: 2 });
    expect(parseDecimal('7')).toEqual({ units: 7n, scale: 0 });
  });

  it('keeps digits beyond what a double can hold', () => {
    const big = '123456789012345678901234567890.123456789';
    expect(formatDecimal(parseDecimal(big))).toBe(big);
  });

  it.each(['', '1.', '.5', '1,000', '1e3', '+1', '--1', ' 1', 'NaN', '0x10', '1.2.3'])(
    'rejects %j',
    (text) => {
      expect(isDecimal(text)).toBe(false);
      expect(() => parseDecimal(text)).toThrow(RangeError);
    },
  );

  it('rejects absurdly long input', () => {
    expect(isDecimal('9'.repeat(65))).toBe(false);
  });

  it('never prints negative zero', () => {
    expect(formatDecimal({ units: 0n, scale: 2 })).toBe('0.00');
    expect(formatDecimal({ units: -5n, scale: 3 })).toBe('-0.005');
  });
});

describe('sumDecimals', () => {
  it('is exact where floating point is not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['9007199254740993', '1'])).toBe('9007199254740994');
  });

  it('aligns scales and keeps the largest', () => {
    expect(sumDecimals(['1.5', '2.25', '3'])).toBe('6.75');
    expect(sumDecimals(['100', '0.001'])).toBe('100.001');
  });

  it('handles negatives and an empty list', () => {
    expect(sumDecimals(['10.00', '-2.50'])).toBe('7.50');
    expect(sumDecimals(['-1', '-2'])).toBe('-3');
    expect(sumDecimals([])).toBe('0');
  });

  it('subtracts and compares', () => {
    expect(subtractDecimals('100.00', '99.99')).toBe('0.01');
    expect(subtractDecimals('1', '-1')).toBe('2');
    expect(subtractDecimals('5', '7.5')).toBe('-2.5');
    expect(compareDecimals('2.0', '2')).toBe(0);
    expect(compareDecimals('1.99', '2')).toBe(-1);
    expect(compareDecimals('-1', '-2')).toBe(1);
  });
});

describe('currency scale and amount validation', () => {
  it('knows the ISO 4217 minor units', () => {
    expect(currencyScale('USD')).toBe(2);
    expect(currencyScale('JPY')).toBe(0);
    expect(currencyScale('BHD')).toBe(3);
    expect(currencyScale('CLF')).toBe(4);
  });

  it('accepts positive amounts within the scale, trailing zeros included', () => {
    expect(amountProblem('100', 'USD')).toBeNull();
    expect(amountProblem('0.01', 'USD')).toBeNull();
    expect(amountProblem('12.500', 'USD')).toBeNull();
    expect(amountProblem('1.234', 'BHD')).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(amountProblem('', 'USD')).toMatch(/amount like/);
    expect(amountProblem('abc', 'USD')).toMatch(/amount like/);
    expect(amountProblem('0', 'USD')).toMatch(/greater than zero/);
    expect(amountProblem('-5', 'USD')).toMatch(/greater than zero/);
    expect(amountProblem('1.001', 'USD')).toBe('USD amounts have at most 2 decimals');
    expect(amountProblem('100.5', 'JPY')).toBe('JPY amounts have no decimals');
  });
});

describe('formatting', () => {
  it('groups thousands on the digits', () => {
    expect(groupThousands('1')).toBe('1');
    expect(groupThousands('1000')).toBe('1,000');
    expect(groupThousands('1234567')).toBe('1,234,567');
  });

  it('pads to the currency scale and never rounds', () => {
    expect(formatAmount('1234567.5', 'USD')).toBe('1,234,567.50');
    expect(formatAmount('1000', 'JPY')).toBe('1,000');
    expect(formatAmount('0.1', 'BHD')).toBe('0.100');
    expect(formatAmount('0.123', 'USD')).toBe('0.123');
    expect(formatAmount('00012.3', 'USD')).toBe('12.30');
    expect(formatAmount('-0.00', 'USD')).toBe('0.00');
  });

  it('formats amounts larger than a double can represent', () => {
    expect(formatAmount('12345678901234567890.12', 'USD')).toBe('12,345,678,901,234,567,890.12');
  });

  it('puts the currency symbol first and the sign before it', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('-2', 'EUR')).toBe('-€2.00');
    expect(formatMoney('1000', 'JPY')).toBe('¥1,000');
    expect(formatMoney('1.5', 'CHF')).toBe(`CHF${NBSP}1.50`);
  });

  it('keeps an invalid amount visible instead of hiding it', () => {
    expect(formatMoney('oops', 'USD')).toBe('oops USD');
    expect(formatAmount('1e5', 'USD')).toBe('1e5');
  });

  it('falls back to the code for a currency Intl does not know', () => {
    expect(formatMoney('5', 'QQQ')).toBe(`QQQ${NBSP}5.00`);
  });
});

describe('checkBalance', () => {
  it('is balanced when debits equal credits in every currency', () => {
    const check = checkBalance([
      { direction: 'debit', amount: '100.00', currency: 'USD' },
      { direction: 'credit', amount: '60', currency: 'USD' },
      { direction: 'credit', amount: '40.00', currency: 'usd' },
      { direction: 'debit', amount: '5', currency: 'EUR' },
      { direction: 'credit', amount: '5.00', currency: 'EUR' },
    ]);
    expect(check.balanced).toBe(true);
    expect(check.currencies).toEqual([
      { currency: 'EUR', debits: '5.00', credits: '5.00', difference: '0.00', balanced: true },
      { currency: 'USD', debits: '100.00', credits: '100.00', difference: '0.00', balanced: true },
    ]);
  });

  it('reports which currency is off and by how much', () => {
    const check = checkBalance([
      { direction: 'debit', amount: '0.1', currency: 'USD' },
      { direction: 'debit', amount: '0.2', currency: 'USD' },
      { direction: 'credit', amount: '0.3', currency: 'USD' },
      { direction: 'debit', amount: '10', currency: 'EUR' },
      { direction: 'credit', amount: '9.99', currency: 'EUR' },
    ]);
    expect(check.balanced).toBe(false);
    expect(check.currencies.find((c) => c.currency === 'USD')?.balanced).toBe(true);
    expect(check.currencies.find((c) => c.currency === 'EUR')).toMatchObject({
      balanced: false,
      difference: '0.01',
    });
  });

  it('does not call a form balanced while a posting is incomplete', () => {
    const check = checkBalance([
      { direction: 'debit', amount: '10', currency: 'USD' },
      { direction: 'credit', amount: '10', currency: 'USD' },
      { direction: 'credit', amount: '', currency: 'USD' },
    ]);
    expect(check.incompleteCount).toBe(1);
    expect(check.balanced).toBe(false);
  });

  it('is not balanced with no postings', () => {
    expect(checkBalance([]).balanced).toBe(false);
  });
});
