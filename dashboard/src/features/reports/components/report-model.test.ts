import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { balanceSheetSchema, type BalanceSheetInCurrency } from '../api/get-balance-sheet';
import { incomeStatementSchema, type IncomeStatementInCurrency } from '../api/get-income-statement';
import { trialBalanceSchema, type TrialBalanceInCurrency } from '../api/get-trial-balance';
import {
  balanceSheetProblems,
  incomeStatementProblems,
  reportFilename,
  reportRequest,
  trialBalanceProblems,
  withParents,
} from './report-model';

// The examples of docs/api.md, "Balances, statements and reports", as the server answers them.
const trialBalance = trialBalanceSchema.parse({
  as_of: '2024-03-01T00:00:00Z',
  as_of_sequence: 20,
  currencies: [
    {
      currency: 'JPY',
      accounts: [
        { code: 'yen_cash', name: 'Yen cash', type: 'asset', parent_code: null, level: 0, debit: '10000', credit: '0' },
        { code: 'yen_sales', name: 'Yen sales', type: 'revenue', parent_code: null, level: 0, debit: '0', credit: '10000' },
      ],
      total_debits: '10000',
      total_credits: '10000',
    },
    {
      currency: 'USD',
      accounts: [
        { code: 'assets', name: 'Assets', type: 'asset', parent_code: null, level: 0, debit: '1400.00', credit: '0.00' },
        { code: 'bank', name: 'Bank', type: 'asset', parent_code: 'assets', level: 1, debit: '750.00', credit: '0.00' },
        { code: 'cash', name: 'Cash', type: 'asset', parent_code: 'assets', level: 1, debit: '650.00', credit: '0.00' },
        { code: 'loans', name: 'Loans', type: 'liability', parent_code: null, level: 0, debit: '0.00', credit: '500.00' },
        { code: 'capital', name: 'Capital', type: 'equity', parent_code: null, level: 0, debit: '0.00', credit: '1000.00' },
        { code: 'revenue', name: 'Revenue', type: 'revenue', parent_code: null, level: 0, debit: '0.00', credit: '300.00' },
        { code: 'sales', name: 'Sales', type: 'revenue', parent_code: 'revenue', level: 1, debit: '0.00', credit: '250.00' },
        { code: 'opex', name: 'Operating expenses', type: 'expense', parent_code: null, level: 0, debit: '400.00', credit: '0.00' },
        { code: 'rent', name: 'Rent', type: 'expense', parent_code: 'opex', level: 1, debit: '400.00', credit: '0.00' },
      ],
      total_debits: '1800.00',
      total_credits: '1800.00',
    },
  ],
}); // prettier-ignore

const balanceSheet = balanceSheetSchema.parse({
  as_of: '2024-03-01T00:00:00Z',
  as_of_sequence: 20,
  currencies: [
    {
      currency: 'USD',
      assets: {
        accounts: [
          { code: 'assets', name: 'Assets', parent_code: null, level: 0, balance: '1400.00' },
          { code: 'bank', name: 'Bank', parent_code: 'assets', level: 1, balance: '750.00' },
          { code: 'cash', name: 'Cash', parent_code: 'assets', level: 1, balance: '650.00' },
        ],
        total: '1400.00',
      },
      liabilities: {
        accounts: [{ code: 'loans', name: 'Loans', parent_code: null, level: 0, balance: '500.00' }],
        total: '500.00',
      },
      equity: {
        accounts: [{ code: 'capital', name: 'Capital', parent_code: null, level: 0, balance: '1000.00' }],
        total: '1000.00',
      },
      retained_earnings: { revenue: '300.00', expenses: '400.00', amount: '-100.00' },
      total_liabilities_and_equity: '1400.00',
      check: {
        assets: '1400.00',
        liabilities_equity_and_retained_earnings: '1400.00',
        difference: '0.00',
        balanced: true,
      },
    },
  ],
});

const incomeStatement = incomeStatementSchema.parse({
  from: '2024-01-01T00:00:00Z',
  to: '2024-03-01T00:00:00Z',
  as_of_sequence: 20,
  currencies: [
    {
      currency: 'USD',
      revenue: {
        accounts: [
          { code: 'revenue', name: 'Revenue', parent_code: null, level: 0, balance: '300.00' },
          { code: 'sales', name: 'Sales', parent_code: 'revenue', level: 1, balance: '250.00' },
        ],
        total: '300.00',
      },
      expenses: {
        accounts: [
          { code: 'opex', name: 'Operating expenses', parent_code: null, level: 0, balance: '400.00' },
          { code: 'rent', name: 'Rent', parent_code: 'opex', level: 1, balance: '400.00' },
        ],
        total: '400.00',
      },
      net_income: '-100.00',
    },
  ],
});

const usdTrialBalance = trialBalance.currencies[1] as TrialBalanceInCurrency;
const usdBalanceSheet = balanceSheet.currencies[0] as BalanceSheetInCurrency;
const usdIncome = incomeStatement.currencies[0] as IncomeStatementInCurrency;

describe('report schemas', () => {
  it('accept "now" (as_of null) and an open period', () => {
    expect(trialBalanceSchema.parse({ as_of: null, as_of_sequence: 0, currencies: [] }).as_of).toBeNull();
    const open = incomeStatementSchema.parse({ from: null, to: null, as_of_sequence: 3, currencies: [] });
    expect([open.from, open.to]).toEqual([null, null]);
  });

  it('refuse amounts sent as numbers and negative levels', () => {
    const numeric = { ...usdTrialBalance, total_debits: 1800 };
    expect(trialBalanceSchema.safeParse({ as_of_sequence: 1, currencies: [numeric] }).success).toBe(false);
    const line = { code: 'x', name: 'X', type: 'asset', level: -1, debit: '0', credit: '0' };
    const negative = { ...usdTrialBalance, accounts: [line] };
    expect(trialBalanceSchema.safeParse({ as_of_sequence: 1, currencies: [negative] }).success).toBe(false);
  });
});

describe('checks of the server figures', () => {
  it('find nothing wrong in consistent reports, whatever the scale of the currency', () => {
    for (const c of trialBalance.currencies) expect(trialBalanceProblems(c)).toEqual([]);
    expect(balanceSheetProblems(usdBalanceSheet)).toEqual([]);
    expect(incomeStatementProblems(usdIncome)).toEqual([]);
  });

  it('count only top-level lines in a total (children are inside their parents)', () => {
    // Adding the children again would give 3200.00 debits; the totals stay 1800.00.
    expect(trialBalanceProblems({ ...usdTrialBalance })).toEqual([]);
    const doubled = { ...usdTrialBalance, total_debits: '3200.00', total_credits: '3200.00' };
    expect(trialBalanceProblems(doubled)).toEqual([
      'Total debits is 3200.00, expected 1800.00',
      'Total credits is 3200.00, expected 1800.00',
    ]);
  });

  it('notice a trial balance whose columns differ by one cent', () => {
    const accounts = usdTrialBalance.accounts.map((l) =>
      l.code === 'loans' ? { ...l, credit: '500.01' } : l,
    );
    expect(trialBalanceProblems({ ...usdTrialBalance, accounts, total_credits: '1800.01' })).toEqual([
      'Debits (1800.00) do not equal credits (1800.01)',
    ]);
  });

  it('notice a line with both columns or a negative one', () => {
    const accounts = [
      { code: 'a', name: 'A', type: 'asset', level: 0, parent_code: null, debit: '5.00', credit: '5.00' },
      { code: 'b', name: 'B', type: 'asset', level: 0, parent_code: null, debit: '-5.00', credit: '0.00' },
    ];
    expect(
      trialBalanceProblems({ currency: 'USD', accounts, total_debits: '0.00', total_credits: '5.00' }),
    ).toEqual([
      'a has both a debit (5.00) and a credit (5.00)',
      'b has a negative column (debit -5.00, credit 0.00)',
      'Debits (0.00) do not equal credits (5.00)',
    ]);
  });

  it('notice lines out of hierarchy order', () => {
    const [assets, bank, cash] = usdTrialBalance.accounts;
    const orphan = { ...usdTrialBalance, accounts: [bank!, assets!, cash!] };
    expect(trialBalanceProblems(orphan)).toEqual([
      'trial balance: bank is at level 1 without a parent line above it',
      'Total debits is 1800.00, expected 1400.00',
      'Total credits is 1800.00, expected 0.00',
    ]);
    const wrongParent = { ...usdTrialBalance, accounts: [assets!, { ...bank!, parent_code: 'loans' }] };
    expect(trialBalanceProblems(wrongParent)[0]).toBe(
      'trial balance: bank should come under loans, not assets',
    );
  });

  it('check both sides of the balance sheet and its retained earnings', () => {
    const retained = { revenue: '300.00', expenses: '400.00', amount: '100.00' };
    expect(balanceSheetProblems({ ...usdBalanceSheet, retained_earnings: retained })).toEqual([
      'Retained earnings is 100.00, expected -100.00',
      'Total liabilities and equity is 1400.00, expected 1600.00',
      'The check difference is 0.00, expected -200.00',
      'Assets (1400.00) do not equal liabilities + equity + retained earnings (1600.00)',
    ]);
    const section = { ...usdBalanceSheet.assets, total: '1400.10' };
    expect(balanceSheetProblems({ ...usdBalanceSheet, assets: section })).toEqual([
      'Total assets is 1400.10, expected 1400.00',
      'The check of assets is 1400.00, expected 1400.10',
      'The check difference is 0.00, expected 0.10',
      'Assets (1400.10) do not equal liabilities + equity + retained earnings (1400.00)',
    ]);
    const claimed = { ...usdBalanceSheet.check, balanced: false };
    expect(balanceSheetProblems({ ...usdBalanceSheet, check: claimed })).toEqual([
      'The server reports that the balance sheet does not balance',
    ]);
  });

  it('check net income against revenue and expenses', () => {
    expect(incomeStatementProblems({ ...usdIncome, net_income: '100.00' })).toEqual([
      'Net income is 100.00, expected -100.00',
    ]);
  });
});

describe('hierarchy', () => {
  it('marks the lines that have children', () => {
    expect(withParents(usdTrialBalance.accounts).map((l) => [l.code, l.isParent])).toEqual([
      ['assets', true],
      ['bank', false],
      ['cash', false],
      ['loans', false],
      ['capital', false],
      ['revenue', true],
      ['sales', false],
      ['opex', true],
      ['rent', false],
    ]);
  });
});

describe('report request', () => {
  const originalTz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Paris';
  });
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('asks for now without a date, and for the whole day picked with one', () => {
    expect(reportRequest('trial-balance', {})).toEqual({ params: {}, errors: {} });
    expect(reportRequest('balance-sheet', { as_of: '2026-01-31', from: '2026-01-01' })).toEqual({
      params: { as_of: '2026-01-31T22:59:59.999999Z' },
      errors: {},
    });
  });

  it('includes both days of an income statement period', () => {
    expect(
      reportRequest('income-statement', { from: '2026-01-01', to: '2026-01-31', as_of: '2026-05-01' }),
    ).toEqual({
      params: { from: '2025-12-31T23:00:00.000Z', to: '2026-01-31T23:00:00.000Z' },
      errors: {},
    });
    expect(reportRequest('income-statement', { to: '2026-07-01' }).params).toEqual({
      from: undefined,
      to: '2026-07-01T22:00:00.000Z',
    });
    // A one-day period is fine.
    expect(reportRequest('income-statement', { from: '2026-01-05', to: '2026-01-05' }).errors).toEqual({});
  });

  it('names the input at fault', () => {
    expect(reportRequest('trial-balance', { as_of: '2026-02-30' }).errors).toEqual({
      as_of: 'Pick a date (YYYY-MM-DD)',
    });
    expect(reportRequest('income-statement', { from: '2026-02-01', to: '2026-01-31' }).errors).toEqual({
      to: 'The period cannot end before it starts',
    });
    expect(reportRequest('income-statement', { from: 'soon' }).errors).toEqual({
      from: 'Pick a date (YYYY-MM-DD)',
    });
  });

  it('names the CSV after the report and its dates', () => {
    expect(reportFilename('trial-balance', {})).toBe('trial-balance.csv');
    expect(reportFilename('balance-sheet', { as_of: '2026-01-31' })).toBe(
      'balance-sheet-as-of-2026-01-31.csv',
    );
    expect(reportFilename('income-statement', { from: '2026-01-01', to: '2026-01-31' })).toBe(
      'income-statement-2026-01-01-to-2026-01-31.csv',
    );
    expect(reportFilename('income-statement', { from: '2026-01-01' })).toBe(
      'income-statement-from-2026-01-01.csv',
    );
    expect(reportFilename('income-statement', { to: '2026-01-31', as_of: '2026-05-01' })).toBe(
      'income-statement-to-2026-01-31.csv',
    );
  });
});
