/** Answers of /api as the server sends them, for component tests. */
import type { Account, ApiKey, Transaction } from '@/types/api';

export function account(overrides: Partial<Account> & Pick<Account, 'code'>): Account {
  return {
    name: overrides.code,
    type: 'asset',
    currency: 'USD',
    parent_code: null,
    flags: [],
    metadata: {},
    posted_balance: '0.00',
    pending_balance: '0.00',
    available_balance: '0.00',
    debits_posted: '0.00',
    credits_posted: '0.00',
    version: 1,
    created_at: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKey> & Pick<ApiKey, 'id'>): ApiKey {
  return {
    prefix: `sk_live_${overrides.id}`,
    description: 'CI',
    scope: 'read_write',
    created_at: '2026-11-24T10:00:00Z',
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    ...overrides,
  };
}

export function transaction(overrides: Partial<Transaction> & Pick<Transaction, 'id'>): Transaction {
  return {
    sequence: 7,
    external_id: null,
    description: 'Sale',
    status: 'posted',
    occurred_at: '2026-11-24T10:00:00Z',
    recorded_at: '2026-11-24T10:00:01Z',
    metadata: {},
    postings: [
      { account_code: 'assets:cash', direction: 'debit', amount: '100.00', currency: 'USD' },
      { account_code: 'revenue:sales', direction: 'credit', amount: '100.00', currency: 'USD' },
    ],
    reversed_by: null,
    reverses: null,
    ...overrides,
  };
}
