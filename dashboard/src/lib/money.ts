/**
 * Money on the wire is a decimal string in major units ("1234.50"). This module never turns an amount into a
 * JavaScript number: formatting works on the digits, arithmetic on BigInt units at a common scale.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Longest decimal text accepted from a person or the server, a guard against pathological input. */
export const DECIMAL_TEXT_LENGTH_MAX = 64;

export function isDecimal(text: string): boolean {
  return text.length <= DECIMAL_TEXT_LENGTH_MAX && DECIMAL.test(text);
}

export function parseDecimal(text: string): Decimal {
  const match = text.length <= DECIMAL_TEXT_LENGTH_MAX ? DECIMAL.exec(text) : null;
  if (!match) {
    throw new RangeError(`not a decimal: "${text}"`);
  }
  const [, minus, whole = '0', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { units: minus ? -magnitude : magnitude, scale: fraction.length };
}

/** Canonical text with exactly `decimal.scale` fraction digits and no "-0". */
export function formatDecimal(decimal: Decimal): string {
  const negative = decimal.units < 0n;
  const digits = (negative ? -decimal.units : decimal.units).toString().padStart(decimal.scale + 1, '0');
  const whole = digits.slice(0, digits.length - decimal.scale);
  const fraction = digits.slice(digits.length - decimal.scale);
  const text = decimal.scale > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}

function rescale(decimal: Decimal, scale: number): bigint {
  if (scale < decimal.scale) {
    throw new RangeError('rescale would drop digits');
  }
  return decimal.units * 10n ** BigInt(scale - decimal.scale);
}

/** Exact sum of decimal strings, at the largest scale among them ("0" for an empty list). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parseDecimal);
  const scale = parsed.reduce((max, d) => Math.max(max, d.scale), 0);
  const units = parsed.reduce((sum, d) => sum + rescale(d, scale), 0n);
  return formatDecimal({ units, scale });
}

export function subtractDecimals(minuend: string, subtrahend: string): string {
  const negated = subtrahend.startsWith('-') ? subtrahend.slice(1) : `-${subtrahend}`;
  return sumDecimals([minuend, negated]);
}

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const difference = parseDecimal(subtractDecimals(a, b)).units;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function isZero(text: string): boolean {
  return parseDecimal(text).units === 0n;
}

/**
 * ISO 4217 minor units for the currencies that do not use two (the same table the JDK's Currency uses, which the
 * backend checks amounts against). Every other three-letter code is taken to have two.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}; // prettier-ignore

export const CURRENCY_CODE = /^[A-Z]{3}$/;

export function currencyScale(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

/**
 * Why `text` is not a valid positive amount in `currency`, or null when it is. Used by forms before submit; the
 * server checks the same rules.
 */
export function amountProblem(text: string, currency: string): string | null {
  if (!isDecimal(text)) {
    return 'Enter an amount like 100 or 12.50';
  }
  const decimal = parseDecimal(text);
  if (decimal.units <= 0n) {
    return 'Amount must be greater than zero';
  }
  if (CURRENCY_CODE.test(currency)) {
    const scale = currencyScale(currency);
    const significantFraction = (text.split('.')[1] ?? '').replace(/0+$/, '');
    if (significantFraction.length > scale) {
      return scale === 0
        ? `${currency} amounts have no decimals`
        : `${currency} amounts have at most ${scale} decimals`;
    }
  }
  return null;
}

/** "1234567" -> "1,234,567" (digits only). */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const symbols = new Map<string, string>();

/** The en-US symbol of a currency ("$", "€", "CA$", "CHF"), or the code itself when Intl does not know it. */
export function currencySymbol(currency: string): string {
  let symbol = symbols.get(currency);
  if (symbol === undefined) {
    try {
      // Formats the constant 0 only to read the symbol; amounts themselves never reach Intl.
      const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0);
      symbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
    } catch {
      symbol = currency;
    }
    symbols.set(currency, symbol);
  }
  return symbol;
}

/**
 * "1234567.5" in USD -> "1,234,567.50": grouped, padded to the currency's minor units, never rounded (extra
 * digits are kept). Text that is not a decimal is returned unchanged so that a bad value stays visible.
 */
export function formatAmount(amount: string, currency: string): string {
  if (!isDecimal(amount)) {
    return amount;
  }
  const match = DECIMAL.exec(amount);
  const [, minus, rawWhole = '0', rawFraction = ''] = match ?? [];
  const whole = rawWhole.replace(/^0+(?=\d)/, '');
  const fraction = rawFraction.padEnd(CURRENCY_CODE.test(currency) ? currencyScale(currency) : 0, '0');
  const zero = /^0*$/.test(whole + fraction);
  const sign = minus && !zero ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** "1234.5" in USD -> "$1,234.50"; "-2" in EUR -> "-€2.00"; "1.5" in CHF -> "CHF 1.50" (no-break space). */
export function formatMoney(amount: string, currency: string): string {
  const formatted = formatAmount(amount, currency);
  if (!isDecimal(amount)) {
    return `${formatted} ${currency}`;
  }
  const symbol = currencySymbol(currency);
  const separator = /\p{L}$/u.test(symbol) ? '\u00a0' : '';
  return formatted.startsWith('-')
    ? `-${symbol}${separator}${formatted.slice(1)}`
    : `${symbol}${separator}${formatted}`;
}

export type Direction = 'debit' | 'credit';

export interface PostingAmount {
  readonly direction: Direction;
  readonly amount: string;
  readonly currency: string;
}

export interface CurrencyBalance {
  readonly currency: string;
  readonly debits: string;
  readonly credits: string;
  /** debits - credits; "0…" when balanced. */
  readonly difference: string;
  readonly balanced: boolean;
}

export interface BalanceCheck {
  readonly currencies: readonly CurrencyBalance[];
  /** Postings left out because their amount or currency is not filled in correctly yet. */
  readonly incompleteCount: number;
  /** True when there is at least one currency, every currency balances and no posting is incomplete. */
  readonly balanced: boolean;
}

/** Debits and credits per currency for postings being typed into a form, exactly (no floating point). */
export function checkBalance(postings: readonly PostingAmount[]): BalanceCheck {
  const byCurrency = new Map<string, { debits: string[]; credits: string[] }>();
  let incompleteCount = 0;
  for (const posting of postings) {
    const currency = posting.currency.trim().toUpperCase();
    const amount = posting.amount.trim();
    if (!CURRENCY_CODE.test(currency) || amountProblem(amount, currency) !== null) {
      incompleteCount += 1;
      continue;
    }
    const sides = byCurrency.get(currency) ?? { debits: [], credits: [] };
    (posting.direction === 'debit' ? sides.debits : sides.credits).push(amount);
    byCurrency.set(currency, sides);
  }
  const currencies = [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sides]): CurrencyBalance => {
      // A zero at the currency's scale makes both sums print alike ("5" + "5.00" -> "5.00" and "5.00").
      const zero = formatDecimal({ units: 0n, scale: currencyScale(currency) });
      const debits = sumDecimals([zero, ...sides.debits]);
      const credits = sumDecimals([zero, ...sides.credits]);
      const difference = subtractDecimals(debits, credits);
      return { currency, debits, credits, difference, balanced: isZero(difference) };
    });
  return {
    currencies,
    incompleteCount,
    balanced: currencies.length > 0 && incompleteCount === 0 && currencies.every((c) => c.balanced),
  };
}
