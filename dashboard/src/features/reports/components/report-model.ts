/**
 * What the reports page computes itself, kept out of the components so that it is tested alone: the dates picked
 * turned into the API's instants, the file name of an export, the hierarchy of report lines, and a second check
 * of the server's figures (each total against its lines, both sides of each equation), exactly, on the decimal
 * strings.
 */
import {
  endOfDayExclusiveInstant,
  endOfDayInclusiveInstant,
  isCalendarDate,
  startOfDayInstant,
} from '@/lib/dates';
import {
  compareDecimals,
  formatDecimal,
  isZero,
  parseDecimal,
  subtractDecimals,
  sumDecimals,
} from '@/lib/money';
import type { ReportSection } from '@/types/api';
import type { BalanceSheetInCurrency } from '../api/get-balance-sheet';
import type { IncomeStatementInCurrency } from '../api/get-income-statement';
import type { TrialBalanceInCurrency } from '../api/get-trial-balance';
import type { ReportKind, ReportParams } from '../api/download-report';

/** The dates as the page's inputs (and its URL) hold them: "2026-01-31", or undefined for none. */
export interface ReportDates {
  as_of?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportRequest {
  params: ReportParams;
  /** Per input, why its date cannot be used; the report is not asked for while there is one. */
  errors: Partial<Record<keyof ReportDates, string>>;
}

const NOT_A_DATE = 'Pick a date (YYYY-MM-DD)';

/**
 * The query of a report for the dates picked. `as_of` covers the whole day picked (up to its last microsecond);
 * the income statement's `to` day is included too (the API's `to` is exclusive, so it gets the next midnight).
 */
export function reportRequest(report: ReportKind, dates: ReportDates): ReportRequest {
  const errors: ReportRequest['errors'] = {};
  if (report !== 'income-statement') {
    if (!dates.as_of) return { params: {}, errors };
    const asOf = endOfDayInclusiveInstant(dates.as_of);
    if (!asOf) errors.as_of = NOT_A_DATE;
    return { params: { as_of: asOf }, errors };
  }
  const from = dates.from ? startOfDayInstant(dates.from) : undefined;
  const to = dates.to ? endOfDayExclusiveInstant(dates.to) : undefined;
  if (dates.from && !from) errors.from = NOT_A_DATE;
  if (dates.to && !to) errors.to = NOT_A_DATE;
  if (
    dates.from &&
    dates.to &&
    isCalendarDate(dates.from) &&
    isCalendarDate(dates.to) &&
    dates.to < dates.from
  ) {
    errors.to = 'The period cannot end before it starts';
  }
  return { params: { from, to }, errors };
}

/** "trial-balance-as-of-2026-01-31.csv", "income-statement-2026-01-01-to-2026-01-31.csv", "balance-sheet.csv". */
export function reportFilename(report: ReportKind, dates: ReportDates): string {
  const parts: string[] = [report];
  if (report === 'income-statement') {
    if (dates.from && dates.to) parts.push(dates.from, 'to', dates.to);
    else if (dates.from) parts.push('from', dates.from);
    else if (dates.to) parts.push('to', dates.to);
  } else if (dates.as_of) {
    parts.push('as-of', dates.as_of);
  }
  return `${parts.join('-')}.csv`;
}

export interface HierarchyLine {
  code: string;
  level: number;
  parent_code?: string | null | undefined;
}

/** Each line with whether it has children (the line right after it is one level deeper). */
export function withParents<T extends HierarchyLine>(lines: readonly T[]): (T & { isParent: boolean })[] {
  return lines.map((line, i) => ({ ...line, isParent: (lines[i + 1]?.level ?? -1) > line.level }));
}

/** Where the lines' order breaks the hierarchy: a child must follow its parent, one level deeper. */
function hierarchyProblems(lines: readonly HierarchyLine[], where: string): string[] {
  const problems: string[] = [];
  const path: string[] = []; // path[level] = the code of the latest line at that level
  for (const line of lines) {
    if (line.level > path.length) {
      problems.push(`${where}: ${line.code} is at level ${line.level} without a parent line above it`);
      continue;
    }
    path.length = line.level;
    const expectedParent = line.level === 0 ? null : (path[line.level - 1] ?? null);
    if ((line.parent_code ?? null) !== expectedParent) {
      problems.push(
        `${where}: ${line.code} should come under ${line.parent_code ?? 'the top level'}, not ${expectedParent ?? 'the top level'}`,
      );
    }
    path.push(line.code);
  }
  return problems;
}

function zeroAt(scaleOf: readonly string[]): string {
  const scale = scaleOf.reduce((max, text) => Math.max(max, parseDecimal(text).scale), 0);
  return formatDecimal({ units: 0n, scale });
}

/** Sum of the top-level lines' values, at the scale of the values (so that it prints like the server's totals). */
function topLevelSum<T extends HierarchyLine>(
  lines: readonly T[],
  value: (line: T) => string,
  like: string,
): string {
  return sumDecimals([zeroAt([like]), ...lines.filter((l) => l.level === 0).map(value)]);
}

function mismatch(what: string, stated: string, computed: string): string[] {
  return compareDecimals(stated, computed) === 0 ? [] : [`${what} is ${stated}, expected ${computed}`];
}

function sectionProblems(section: ReportSection, name: string): string[] {
  return [
    ...hierarchyProblems(section.accounts, name),
    ...mismatch(
      `Total ${name}`,
      section.total,
      topLevelSum(section.accounts, (l) => l.balance, section.total),
    ),
  ];
}

/** Why the trial balance in one currency does not add up; empty when it does. */
export function trialBalanceProblems(c: TrialBalanceInCurrency): string[] {
  const problems = hierarchyProblems(c.accounts, 'trial balance');
  for (const line of c.accounts) {
    if (line.debit.startsWith('-') || line.credit.startsWith('-')) {
      problems.push(`${line.code} has a negative column (debit ${line.debit}, credit ${line.credit})`);
    } else if (!isZero(line.debit) && !isZero(line.credit)) {
      problems.push(`${line.code} has both a debit (${line.debit}) and a credit (${line.credit})`);
    }
  }
  problems.push(
    ...mismatch(
      'Total debits',
      c.total_debits,
      topLevelSum(c.accounts, (l) => l.debit, c.total_debits),
    ),
    ...mismatch(
      'Total credits',
      c.total_credits,
      topLevelSum(c.accounts, (l) => l.credit, c.total_credits),
    ),
  );
  if (compareDecimals(c.total_debits, c.total_credits) !== 0) {
    problems.push(`Debits (${c.total_debits}) do not equal credits (${c.total_credits})`);
  }
  return problems;
}

/** Why the balance sheet in one currency does not add up; empty when it does. */
export function balanceSheetProblems(c: BalanceSheetInCurrency): string[] {
  const retained = c.retained_earnings;
  const otherSide = sumDecimals([c.liabilities.total, c.equity.total, retained.amount]);
  const difference = subtractDecimals(c.assets.total, otherSide);
  const problems = [
    ...sectionProblems(c.assets, 'assets'),
    ...sectionProblems(c.liabilities, 'liabilities'),
    ...sectionProblems(c.equity, 'equity'),
    ...mismatch('Retained earnings', retained.amount, subtractDecimals(retained.revenue, retained.expenses)),
    ...mismatch('Total liabilities and equity', c.total_liabilities_and_equity, otherSide),
    ...mismatch('The check of assets', c.check.assets, c.assets.total),
    ...mismatch(
      'The check of liabilities, equity and retained earnings',
      c.check.liabilities_equity_and_retained_earnings,
      c.total_liabilities_and_equity,
    ),
    ...mismatch('The check difference', c.check.difference, difference),
  ];
  if (!isZero(difference)) {
    problems.push(
      `Assets (${c.assets.total}) do not equal liabilities + equity + retained earnings (${otherSide})`,
    );
  }
  if (!c.check.balanced) {
    problems.push('The server reports that the balance sheet does not balance');
  }
  return problems;
}

/** Why the income statement in one currency does not add up; empty when it does. */
export function incomeStatementProblems(c: IncomeStatementInCurrency): string[] {
  return [
    ...sectionProblems(c.revenue, 'revenue'),
    ...sectionProblems(c.expenses, 'expenses'),
    ...mismatch('Net income', c.net_income, subtractDecimals(c.revenue.total, c.expenses.total)),
  ];
}
