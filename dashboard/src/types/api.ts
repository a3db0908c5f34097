/**
 * Shapes of the entities /api returns, shared by the features that show them. Each endpoint file validates its
 * answer with these, so a server that drifts from the contract shows a clear error instead of a broken page.
 */
import { z } from 'zod';
import { isDecimal } from '@/lib/money';

/** A decimal amount as text ("1234.50"), never a JSON number. */
export const decimalString = z.string().refine(isDecimal, { message: 'expected a decimal string' });

/** A list answer: `{data: [...], next_cursor}`; next_cursor is absent or null on the last page. */
export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullish() });

export type Page<T> = { data: T[]; next_cursor?: string | null | undefined };

export const list = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item) });

export const roleSchema = z.enum(['owner', 'developer']);
export type Role = z.infer<typeof roleSchema>;

export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), role: roleSchema })),
});
export type Me = z.infer<typeof meSchema>;
export type Organization = Me['organizations'][number];

export const memberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  role: roleSchema,
  joined_at: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  organization_id: z.string(),
  created_at: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const ledgerSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  name: z.string(),
  code: z.string(),
  currency: z.string(),
  created_at: z.string(),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export const ACCOUNT_FLAGS = ['debits_must_not_exceed_credits', 'credits_must_not_exceed_debits'] as const;

const accountFields = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  currency: z.string(),
  parent_code: z.string().nullish(),
  flags: z.array(z.string()).default([]),
  metadata: z.record(z.unknown()).nullish(),
  posted_balance: decimalString,
  pending_balance: decimalString,
  available_balance: decimalString,
  debits_posted: decimalString,
  credits_posted: decimalString,
  /** The write-side version (answers of commands) or the projected sequence (reads). */
  version: z.number().int(),
  created_at: z.string().nullish(),
});

/**
 * The server nests balances as `balance: {posted, pending, available}` and reports reads `as_of_sequence`;
 * the UI works with flat fields.
 */
export const accountSchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== 'object') return raw;
  const a = raw as Record<string, unknown>;
  const balance = (a.balance ?? {}) as Record<string, unknown>;
  return {
    ...a,
    posted_balance: a.posted_balance ?? balance.posted,
    pending_balance: a.pending_balance ?? balance.pending,
    available_balance: a.available_balance ?? balance.available,
    version: a.version ?? a.as_of_sequence ?? a.sequence,
  };
}, accountFields);
export type Account = z.infer<typeof accountSchema>;

/** One point of an account's balance over time: the balance right after the movement at `at`. */
export const balancePointSchema = z.object({ at: z.string(), balance: decimalString });
export type BalancePoint = z.infer<typeof balancePointSchema>;

export const directionSchema = z.enum(['debit', 'credit']);

export const postingSchema = z.object({
  account_code: z.string(),
  direction: directionSchema,
  amount: decimalString,
  currency: z.string(),
});
export type Posting = z.infer<typeof postingSchema>;

/** The contract's four statuses, plus `expired` (a pending transaction whose hold ran out) that the ledger has. */
export const TRANSACTION_STATUSES = ['posted', 'pending', 'voided', 'reversed', 'expired'] as const;
export const transactionStatusSchema = z.enum(TRANSACTION_STATUSES);
export type TransactionStatus = z.infer<typeof transactionStatusSchema>;

export const transactionSchema = z.object({
  id: z.string(),
  sequence: z.number().int(),
  external_id: z.string().nullish(),
  description: z.string().nullish(),
  status: transactionStatusSchema,
  occurred_at: z.string(),
  recorded_at: z.string(),
  metadata: z.record(z.unknown()).nullish(),
  postings: z.array(postingSchema),
  reversed_by: z.string().nullish(),
  reverses: z.string().nullish(),
  /** Only on a single transaction's page: every status it went through, oldest first. */
  history: z
    .array(z.object({ sequence: z.number().int(), status: z.string(), recorded_at: z.string() }))
    .optional(),
});
export type Transaction = z.infer<typeof transactionSchema>;

export const API_KEY_SCOPES = ['read_write', 'read_only'] as const;

export const apiKeySchema = z.object({
  id: z.string(),
  prefix: z.string(),
  description: z.string().nullish(),
  scope: z.enum(API_KEY_SCOPES),
  created_at: z.string(),
  expires_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
  revoked_at: z.string().nullish(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullish(),
  event_types: z.array(z.string()),
  enabled: z.boolean(),
  created_at: z.string().nullish(),
  /** Present only in the answers to create and rotate-secret: shown once. */
  secret: z.string().nullish(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'dead'] as const;

export const deliverySchema = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullish(),
  last_latency_ms: z.number().nullish(),
  next_attempt_at: z.string().nullish(),
  created_at: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryAttemptSchema = z.object({
  at: z.string(),
  request_headers: z.record(z.unknown()).nullish(),
  request_body: z.unknown().optional(),
  status_code: z.number().int().nullish(),
  response_excerpt: z.string().nullish(),
  latency_ms: z.number().nullish(),
  error: z.string().nullish(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

export const ledgerEventSchema = z.object({
  event_id: z.string(),
  sequence: z.number().int(),
  event_type: z.string(),
  schema_version: z.number().int(),
  aggregate_type: z.string(),
  aggregate_id: z.string(),
  recorded_at: z.string(),
  payload: z.unknown(),
});
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;

/** Same rule as the server's AccountCode: letters, digits and _ - . : (1 to 128, starting with a letter or digit). */
export const ACCOUNT_CODE = /^[A-Za-z0-9][A-Za-z0-9_\-.:]{0,127}$/;
export const ACCOUNT_CODE_MESSAGE =
  "Use 1 to 128 letters, digits, '_', '-', '.' or ':', starting with a letter or digit";

/** The ledger's event types (shared-events EventType wire names); webhook endpoints subscribe to some of them. */
export const EVENT_TYPES = [
  'account.created',
  'account.updated',
  'transaction.posted',
  'transaction.pending',
  'transaction.posted_from_pending',
  'transaction.voided',
  'transaction.reversed',
] as const;

/** A hierarchy level in a report: 0 for a top-level account, 1 for its children, and so on. */
const reportLevel = z.number().int().min(0);

/**
 * One account in a report section (balance sheet, income statement): its balance on the normal side with its
 * descendants rolled up. Lines come parents first, children right after them.
 */
export const reportLineSchema = z.object({
  code: z.string(),
  name: z.string(),
  parent_code: z.string().nullish(),
  level: reportLevel,
  balance: decimalString,
});
export type ReportLine = z.infer<typeof reportLineSchema>;

/** The accounts of one type in a report and their total (the sum of the top-level lines). */
export const reportSectionSchema = z.object({
  accounts: z.array(reportLineSchema),
  total: decimalString,
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

export const trialBalanceLineSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  parent_code: z.string().nullish(),
  level: reportLevel,
  debit: decimalString,
  credit: decimalString,
});
export type TrialBalanceLine = z.infer<typeof trialBalanceLineSchema>;
