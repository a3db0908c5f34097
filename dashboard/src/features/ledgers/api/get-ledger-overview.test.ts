import { describe, expect, it } from 'vitest';
import { overviewSchema } from './get-ledger-overview';

// What command-api answers for GET /api/ledgers/{id}/overview (captured from the running stack): the recent
// transactions are summaries, without recorded_at, metadata or external_id.
const answer = {
  totals: [{ debits: '352.95', credits: '352.95', currency: 'USD' }],
  drift: {
    ledger_id: 'l1',
    checked_at: '2026-11-24T21:16:22.945896626Z',
    status: 'ok',
    mismatched_accounts: 0,
  },
  last_sequence: 7,
  projected_sequence: 7,
  projection_lag_ms: 0,
  recent_transactions: [
    {
      id: '1f34f060-c550-455e-8ffb-15b89e9dcd50',
      sequence: 7,
      status: 'posted',
      description: 'Card fee',
      occurred_at: '2026-11-24T21:10:22.675Z',
      postings: [
        { amount: '2.95', currency: 'USD', direction: 'debit', account_id: 'a1', account_code: 'fees' },
        { amount: '2.95', currency: 'USD', direction: 'credit', account_id: 'a2', account_code: 'cash' },
      ],
    },
  ],
};

describe('overview', () => {
  it('accepts the summaries of recent transactions', () => {
    const overview = overviewSchema.parse(answer);
    expect(overview.recent_transactions[0]?.description).toBe('Card fee');
    expect(overview.drift.status).toBe('ok');
  });

  it('still refuses an amount sent as a number', () => {
    const totals = [{ debits: 352.95, credits: '352.95', currency: 'USD' }];
    expect(overviewSchema.safeParse({ ...answer, totals }).success).toBe(false);
  });
});
