import { describe, expect, it } from 'vitest';
import { accountSchema, apiKeySchema, deliverySchema, meSchema, page, transactionSchema } from './api';

const transaction = {
  id: 'tx-1',
  sequence: 7,
  external_id: null,
  description: 'Top-up',
  status: 'posted',
  occurred_at: '2026-01-05T10:00:00Z',
  recorded_at: '2026-01-05T10:00:01Z',
  metadata: {},
  postings: [
    { account_code: 'assets:cash', direction: 'debit', amount: '100.00', currency: 'USD' },
    { account_code: 'revenue', direction: 'credit', amount: '100.00', currency: 'USD' },
  ],
};

const account = {
  code: 'assets:cash',
  name: 'Cash',
  type: 'asset',
  currency: 'USD',
  parent_code: null,
  flags: [],
  metadata: {},
  posted_balance: '100.00',
  pending_balance: '0.00',
  available_balance: '100.00',
  debits_posted: '100.00',
  credits_posted: '0.00',
  version: 1,
  created_at: '2026-01-05T09:00:00Z',
};

describe('response schemas', () => {
  it('accept the contract shapes', () => {
    expect(transactionSchema.parse(transaction).postings).toHaveLength(2);
    expect(accountSchema.parse(account).posted_balance).toBe('100.00');
    expect(
      meSchema.parse({
        user: { id: 'u1', email: 'a@b.c' },
        organizations: [{ id: 'o1', name: 'Acme', role: 'owner' }],
      }).organizations[0]?.role,
    ).toBe('owner');
  });

  it('flatten the nested balance of a projected account', () => {
    const projected = {
      id: 'a1',
      code: 'cash',
      name: 'Cash',
      type: 'asset',
      currency: 'USD',
      parent_code: null,
      flags: [],
      metadata: {},
      balance: { posted: '100.00', pending: '-5.00', available: '95.00' },
      debits_posted: '100.00',
      credits_posted: '0.00',
      debits_pending: '0.00',
      credits_pending: '5.00',
      as_of_sequence: 7,
    };
    const parsed = accountSchema.parse(projected);
    expect(parsed.posted_balance).toBe('100.00');
    expect(parsed.available_balance).toBe('95.00');
    expect(parsed.version).toBe(7);
  });

  it('refuse amounts sent as JSON numbers (floating point on the wire)', () => {
    const bad = { ...account, posted_balance: 100 };
    expect(accountSchema.safeParse(bad).success).toBe(false);
    const badPosting = {
      ...transaction,
      postings: [{ account_code: 'a', direction: 'debit', amount: 1.1, currency: 'USD' }],
    };
    expect(transactionSchema.safeParse(badPosting).success).toBe(false);
  });

  it('refuse an amount that is text but not a decimal', () => {
    expect(accountSchema.safeParse({ ...account, available_balance: '1e3' }).success).toBe(false);
  });

  it('refuse unknown enum values the contract does not allow', () => {
    expect(transactionSchema.safeParse({ ...transaction, status: 'deleted' }).success).toBe(false);
    expect(
      meSchema.safeParse({
        user: { id: 'u', email: 'e' },
        organizations: [{ id: 'o', name: 'n', role: 'admin' }],
      }).success,
    ).toBe(false);
  });

  it('read optional fields as absent or null', () => {
    const key = apiKeySchema.parse({
      id: 'k',
      prefix: 'laas_ab12',
      description: 'ci',
      scope: 'read_only',
      created_at: 't',
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    });
    expect(key.revoked_at).toBeNull();
    expect(
      deliverySchema.parse({
        id: 'd',
        endpoint_id: 'e',
        event_id: 'ev',
        event_type: 'transaction.posted',
        status: 'failed',
        attempts: 3,
        created_at: 't',
      }).last_status_code,
    ).toBeUndefined();
  });

  it('reads a page with or without a next cursor', () => {
    const accounts = page(accountSchema);
    expect(accounts.parse({ data: [account], next_cursor: 'abc' }).next_cursor).toBe('abc');
    expect(accounts.parse({ data: [], next_cursor: null }).next_cursor).toBeNull();
    expect(accounts.parse({ data: [] }).next_cursor).toBeUndefined();
    expect(accounts.safeParse({ items: [] }).success).toBe(false);
  });
});
