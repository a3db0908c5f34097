#!/usr/bin/env node
// A stand-in for LaaS's command-api: serves the built dashboard (dist/, with index.html for every page path) and
// answers /api from memory, following the dashboard's API contract (dashboard/README.md). It lets the browser tests
// and a person exercise every page before, or without, the real backend. It is not the backend: no persistence, no
// events pipeline, one process.
//
//   node e2e/contract-stub.mjs [--port 8090] [--dist dist]
//   STUB_PROJECTION_LAG_MS=1500 node e2e/contract-stub.mjs   # new transactions become readable 1.5 s later
//   STUB_DEMO_EMAIL=demo@laas.dev STUB_DEMO_PASSWORD=demo-password-1 node e2e/contract-stub.mjs   # a seeded account
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PORT = Number(option('port', process.env.PORT ?? '8090'));
const DIST = resolve(option('dist', join(fileURLToPath(new URL('.', import.meta.url)), '..', 'dist')));
const PROJECTION_LAG_MS = Number(process.env.STUB_PROJECTION_LAG_MS ?? 0);
const BODY_BYTES_MAX = 1_000_000;
const WEBHOOK_TIMEOUT_MS = 5_000;
const RESPONSE_EXCERPT_CHARS_MAX = 1_000;
const PAGE_LIMIT_MAX = 200;

// ---- money: BigInt units at the currency's scale, never floating point ----
const MINOR_UNITS = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };
const scaleOf = (currency) => MINOR_UNITS[currency] ?? 2;
function toUnits(text, currency) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scaleOf(currency)) return null;
  return BigInt(m[1] + fraction.padEnd(scaleOf(currency), '0'));
}
function fromUnits(units, currency) {
  const scale = scaleOf(currency);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

// ---- state ----
const now = () => new Date().toISOString();
const db = {
  users: [], // {id,email,passwordHash}
  sessions: new Map(), // token -> userId
  orgs: [], // {id,name}
  memberships: [], // {org_id,user_id,role,joined_at}
  projects: [],
  ledgers: [],
  accounts: [], // {ledger_id,...}
  transactions: [], // {ledger_id, visible_at, ...}
  events: [],
  apiKeys: [],
  endpoints: [],
  deliveries: [],
};
const hash = (text) => createHash('sha256').update(text).digest('hex');

class Problem extends Error {
  constructor(status, code, title, detail, errors = []) {
    super(title);
    Object.assign(this, { status, code, title, detail, errors });
  }
}
const invalid = (field, message) =>
  new Problem(400, 'VALIDATION_FAILED', 'The request is not valid', message, [{ field, message }]);
const notFound = (what) =>
  new Problem(404, 'NOT_FOUND', `${what} not found`, `No such ${what.toLowerCase()}.`);

function requireText(body, field, { min = 1, max = 200, pattern, message } = {}) {
  const value = typeof body[field] === 'string' ? body[field].trim() : '';
  if (value.length < min || value.length > max || (pattern && !pattern.test(value))) {
    throw invalid(field, message ?? `must be ${min} to ${max} characters`);
  }
  return value;
}

function appendEvent(ledgerId, eventType, aggregateType, aggregateId, payload) {
  const sequence = db.events.filter((e) => e.ledger_id === ledgerId).length + 1;
  const event = {
    ledger_id: ledgerId,
    event_id: randomUUID(),
    sequence,
    event_type: eventType,
    schema_version: 1,
    aggregate_type: aggregateType,
    aggregate_id: aggregateId,
    recorded_at: now(),
    payload,
  };
  db.events.push(event);
  dispatchWebhooks(event);
  return sequence;
}

// ---- webhooks: each event goes to the ledger's enabled endpoints that subscribe to its type, signed per
// Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature = v1,base64(HMAC-SHA256)). One attempt per
// delivery; a redeliver makes another. ----
function dispatchWebhooks(event) {
  const { ledger_id: ledgerId, ...data } = event;
  for (const endpoint of db.endpoints) {
    if (
      endpoint.ledger_id !== ledgerId ||
      !endpoint.enabled ||
      !endpoint.event_types.includes(event.event_type)
    )
      continue;
    const body = JSON.stringify({ type: event.event_type, timestamp: event.recorded_at, data });
    queueDelivery(endpoint, event.event_id, event.event_type, body);
  }
}

function queueDelivery(endpoint, eventId, eventType, body) {
  const delivery = {
    ledger_id: endpoint.ledger_id,
    request_body_text: body,
    id: randomUUID(),
    endpoint_id: endpoint.id,
    event_id: eventId,
    event_type: eventType,
    status: 'pending',
    last_status_code: null,
    last_latency_ms: null,
    next_attempt_at: now(),
    created_at: now(),
    attempt_log: [],
  };
  db.deliveries.push(delivery);
  void attemptDelivery(delivery);
  return delivery;
}

async function attemptDelivery(delivery) {
  const endpoint = db.endpoints.find((e) => e.id === delivery.endpoint_id);
  if (!endpoint) return;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(endpoint.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${delivery.event_id}.${timestamp}.${delivery.request_body_text}`)
    .digest('base64');
  const headers = {
    'content-type': 'application/json',
    'webhook-id': delivery.event_id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
  const started = Date.now();
  let statusCode = null;
  let excerpt = null;
  let error = null;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: delivery.request_body_text,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    statusCode = response.status;
    excerpt = (await response.text()).slice(0, RESPONSE_EXCERPT_CHARS_MAX);
  } catch (e) {
    error = String(e?.cause?.code ?? e?.message ?? e);
  }
  const latency = Date.now() - started;
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  delivery.attempt_log.push({
    at: now(),
    request_headers: headers,
    request_body: JSON.parse(delivery.request_body_text),
    status_code: statusCode,
    response_excerpt: excerpt,
    latency_ms: latency,
    error,
  });
  delivery.status = ok ? 'succeeded' : 'failed';
  delivery.last_status_code = statusCode;
  delivery.last_latency_ms = latency;
  delivery.next_attempt_at = ok ? null : new Date(Date.now() + 60_000).toISOString();
}

function paginate(items, url) {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, PAGE_LIMIT_MAX);
  const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
  const data = items.slice(offset, offset + limit);
  return { data, next_cursor: offset + limit < items.length ? String(offset + limit) : null };
}

// ---- views ----
const visibleTransactions = (ledgerId) =>
  db.transactions.filter((t) => t.ledger_id === ledgerId && Date.parse(t.visible_at) <= Date.now());
const txView = ({ ledger_id: _l, visible_at: _v, history: _h, ...tx }) => tx;
// A single transaction's page also gets its status history (the real API reads it from the projector).
const txDetailView = (tx) => ({ ...txView(tx), history: tx.history });
const DEBIT_NORMAL = new Set(['asset', 'expense']);

function accountView(account) {
  let debits = 0n;
  let credits = 0n;
  let pendingDebits = 0n;
  let pendingCredits = 0n;
  for (const tx of visibleTransactions(account.ledger_id)) {
    if (!['posted', 'reversed', 'pending'].includes(tx.status)) continue;
    for (const p of tx.postings) {
      if (p.account_code !== account.code) continue;
      const units = toUnits(p.amount, p.currency);
      if (tx.status === 'pending') {
        if (p.direction === 'debit') pendingDebits += units;
        else pendingCredits += units;
      } else if (p.direction === 'debit') debits += units;
      else credits += units;
    }
  }
  const normal = DEBIT_NORMAL.has(account.type) ? 1n : -1n;
  const posted = normal * (debits - credits);
  const pending = normal * (pendingDebits - pendingCredits);
  const { ledger_id: _l, ...rest } = account;
  return {
    ...rest,
    posted_balance: fromUnits(posted, account.currency),
    pending_balance: fromUnits(pending, account.currency),
    available_balance: fromUnits(pending < 0n ? posted + pending : posted, account.currency),
    debits_posted: fromUnits(debits, account.currency),
    credits_posted: fromUnits(credits, account.currency),
  };
}

// ---- access ----
function memberRole(userId, orgId) {
  return db.memberships.find((m) => m.user_id === userId && m.org_id === orgId)?.role ?? null;
}
function requireOrg(userId, orgId, { owner = false } = {}) {
  const role = memberRole(userId, orgId);
  if (!role) throw notFound('Organization');
  if (owner && role !== 'owner')
    throw new Problem(403, 'FORBIDDEN', 'Only owners can do this', 'Ask an owner of the organization.');
}
function requireLedger(userId, ledgerId) {
  const ledger = db.ledgers.find((l) => l.id === ledgerId);
  const project = ledger && db.projects.find((p) => p.id === ledger.project_id);
  if (!ledger || !project || !memberRole(userId, project.organization_id)) throw notFound('Ledger');
  return ledger;
}

// ---- routes: [method, pattern, handler(ctx)] ----
const routes = [];
const route = (method, pattern, handler, { open = false } = {}) =>
  routes.push({
    method,
    regex: new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
    handler,
    open,
  });

function startSession(res, userId) {
  const token = randomBytes(24).toString('base64url');
  db.sessions.set(token, userId);
  res.setHeader('Set-Cookie', [`SESSION=${token}; Path=/; HttpOnly; SameSite=Lax`]);
}

route(
  'POST',
  '/api/auth/signup',
  ({ body, res }) => {
    const email = requireText(body, 'email', {
      pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
      message: 'must be an email address',
    }).toLowerCase();
    if (typeof body.password !== 'string' || body.password.length < 12)
      throw invalid('password', 'must be at least 12 characters');
    const orgName = requireText(body, 'organization_name');
    if (db.users.some((u) => u.email === email)) {
      throw new Problem(409, 'EMAIL_TAKEN', 'Email already registered', 'Sign in instead.', [
        { field: 'email', message: 'is already registered' },
      ]);
    }
    const user = { id: randomUUID(), email, passwordHash: hash(body.password) };
    const org = { id: randomUUID(), name: orgName };
    db.users.push(user);
    db.orgs.push(org);
    db.memberships.push({ org_id: org.id, user_id: user.id, role: 'owner', joined_at: now() });
    startSession(res, user.id);
    return [201, { user: { id: user.id, email }, organization: org }];
  },
  { open: true },
);

route(
  'POST',
  '/api/auth/login',
  ({ body, res }) => {
    const user = db.users.find(
      (u) =>
        u.email ===
        String(body.email ?? '')
          .trim()
          .toLowerCase(),
    );
    if (!user || user.passwordHash !== hash(String(body.password ?? ''))) {
      throw new Problem(401, 'BAD_CREDENTIALS', 'Wrong email or password', 'Check both and try again.');
    }
    startSession(res, user.id);
    return [204];
  },
  { open: true },
);

route('POST', '/api/auth/logout', ({ token, res }) => {
  db.sessions.delete(token);
  res.setHeader('Set-Cookie', ['SESSION=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
  return [204];
});

route('GET', '/api/me', ({ user }) => [
  200,
  {
    user: { id: user.id, email: user.email },
    organizations: db.memberships
      .filter((m) => m.user_id === user.id)
      .map((m) => ({ id: m.org_id, name: db.orgs.find((o) => o.id === m.org_id)?.name ?? '', role: m.role })),
  },
]);

route('GET', '/api/orgs/:orgId/members', ({ user, params }) => {
  requireOrg(user.id, params.orgId);
  const data = db.memberships
    .filter((m) => m.org_id === params.orgId)
    .map((m) => ({
      user_id: m.user_id,
      email: db.users.find((u) => u.id === m.user_id)?.email ?? '',
      role: m.role,
      joined_at: m.joined_at,
    }));
  return [200, { data }];
});

route('POST', '/api/orgs/:orgId/members', ({ user, params, body }) => {
  requireOrg(user.id, params.orgId, { owner: true });
  const email = requireText(body, 'email', {
    pattern: /^[^@\s]+@[^@\s]+$/,
    message: 'must be an email address',
  }).toLowerCase();
  if (!['owner', 'developer'].includes(body.role)) throw invalid('role', 'must be owner or developer');
  let member = db.users.find((u) => u.email === email);
  if (!member) {
    member = { id: randomUUID(), email, passwordHash: '' };
    db.users.push(member);
  }
  if (memberRole(member.id, params.orgId))
    throw new Problem(409, 'ALREADY_MEMBER', 'Already a member', `${email} is already a member.`, [
      { field: 'email', message: 'is already a member' },
    ]);
  db.memberships.push({ org_id: params.orgId, user_id: member.id, role: body.role, joined_at: now() });
  return [201, { status: 'added', user_id: member.id, email, role: body.role }];
});

route('PATCH', '/api/orgs/:orgId/members/:userId', ({ user, params, body }) => {
  requireOrg(user.id, params.orgId, { owner: true });
  const membership = db.memberships.find((m) => m.org_id === params.orgId && m.user_id === params.userId);
  if (!membership) throw notFound('Member');
  if (!['owner', 'developer'].includes(body.role)) throw invalid('role', 'must be owner or developer');
  membership.role = body.role;
  return [204];
});

route('DELETE', '/api/orgs/:orgId/members/:userId', ({ user, params }) => {
  requireOrg(user.id, params.orgId, { owner: true });
  const index = db.memberships.findIndex((m) => m.org_id === params.orgId && m.user_id === params.userId);
  if (index < 0) throw notFound('Member');
  db.memberships.splice(index, 1);
  return [204];
});

const CODE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

route('GET', '/api/projects', ({ user, url }) => {
  const orgId = url.searchParams.get('org_id') ?? '';
  requireOrg(user.id, orgId);
  return [200, { data: db.projects.filter((p) => p.organization_id === orgId) }];
});

route('POST', '/api/projects', ({ user, body }) => {
  requireOrg(user.id, body.organization_id);
  const name = requireText(body, 'name');
  const code = requireText(body, 'code', { pattern: CODE, message: 'must be a lower-case slug' });
  if (db.projects.some((p) => p.organization_id === body.organization_id && p.code === code)) {
    throw new Problem(409, 'PROJECT_ALREADY_EXISTS', 'Project already exists', `The code ${code} is taken.`, [
      { field: 'code', message: 'is taken' },
    ]);
  }
  const project = { id: randomUUID(), name, code, organization_id: body.organization_id, created_at: now() };
  db.projects.push(project);
  return [201, project];
});

route('GET', '/api/ledgers', ({ user, url }) => {
  const orgId = url.searchParams.get('org_id') ?? '';
  requireOrg(user.id, orgId);
  const projectIds = new Set(db.projects.filter((p) => p.organization_id === orgId).map((p) => p.id));
  return [200, { data: db.ledgers.filter((l) => projectIds.has(l.project_id)) }];
});

route('POST', '/api/ledgers', ({ user, body }) => {
  const project = db.projects.find((p) => p.id === body.project_id);
  if (!project) throw invalid('project_id', 'no such project');
  requireOrg(user.id, project.organization_id);
  const name = requireText(body, 'name');
  const code = requireText(body, 'code', { pattern: CODE, message: 'must be a lower-case slug' });
  const currency = requireText(body, 'currency', {
    pattern: /^[A-Z]{3}$/,
    message: 'must be an ISO 4217 code',
  });
  const ledger = { id: randomUUID(), project_id: project.id, name, code, currency, created_at: now() };
  db.ledgers.push(ledger);
  return [201, ledger];
});

route('GET', '/api/ledgers/:ledgerId', ({ user, params }) => [200, requireLedger(user.id, params.ledgerId)]);

route('GET', '/api/ledgers/:ledgerId/overview', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const txs = visibleTransactions(params.ledgerId);
  const totals = new Map();
  for (const tx of txs.filter((t) => t.status === 'posted' || t.status === 'reversed')) {
    for (const p of tx.postings) {
      const t = totals.get(p.currency) ?? { debits: 0n, credits: 0n };
      t[p.direction === 'debit' ? 'debits' : 'credits'] += toUnits(p.amount, p.currency);
      totals.set(p.currency, t);
    }
  }
  const events = db.events.filter((e) => e.ledger_id === params.ledgerId);
  return [
    200,
    {
      totals: [...totals].map(([currency, t]) => ({
        currency,
        debits: fromUnits(t.debits, currency),
        credits: fromUnits(t.credits, currency),
      })),
      drift: { status: 'ok', checked_at: now() },
      projection_lag_ms: PROJECTION_LAG_MS,
      last_sequence: events.length,
      projected_sequence: events.length,
      recent_transactions: txs.slice(-10).reverse().map(txView),
    },
  ];
});

const ACCOUNT_CODE = /^[A-Za-z0-9][A-Za-z0-9_\-.:]{0,127}$/;
const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'];

route('GET', '/api/ledgers/:ledgerId/accounts', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  const type = url.searchParams.get('type');
  const currency = url.searchParams.get('currency');
  const rows = db.accounts
    .filter((a) => a.ledger_id === params.ledgerId)
    .filter((a) => !q || a.code.toLowerCase().includes(q) || a.name.toLowerCase().includes(q))
    .filter((a) => !type || a.type === type)
    .filter((a) => !currency || a.currency === currency)
    .map(accountView);
  return [200, paginate(rows, url)];
});

route('POST', '/api/ledgers/:ledgerId/accounts', ({ user, params, body }) => {
  const ledger = requireLedger(user.id, params.ledgerId);
  const code = requireText(body, 'code', {
    max: 128,
    pattern: ACCOUNT_CODE,
    message: 'letters, digits, _ - . :',
  });
  const name = requireText(body, 'name');
  if (!ACCOUNT_TYPES.includes(body.type)) throw invalid('type', `must be one of ${ACCOUNT_TYPES.join(', ')}`);
  const currency = requireText(body, 'currency', {
    pattern: /^[A-Z]{3}$/,
    message: 'must be an ISO 4217 code',
  });
  if (db.accounts.some((a) => a.ledger_id === ledger.id && a.code === code)) {
    throw new Problem(
      409,
      'ACCOUNT_ALREADY_EXISTS',
      'Account already exists',
      `An account ${code} exists in this ledger.`,
      [{ field: 'code', message: 'already exists' }],
    );
  }
  if (
    body.parent_code &&
    !db.accounts.some((a) => a.ledger_id === ledger.id && a.code === body.parent_code)
  ) {
    throw new Problem(
      422,
      'PARENT_ACCOUNT_NOT_FOUND',
      'Parent account not found',
      `No account ${body.parent_code}.`,
      [{ field: 'parent_code', message: 'no such account' }],
    );
  }
  const account = {
    ledger_id: ledger.id,
    code,
    name,
    type: body.type,
    currency,
    parent_code: body.parent_code ?? null,
    flags: Array.isArray(body.flags) ? body.flags : [],
    metadata: {},
    version: 0,
    created_at: now(),
  };
  db.accounts.push(account);
  appendEvent(ledger.id, 'account.created', 'account', code, { code, name, type: body.type, currency });
  return [201, accountView(account)];
});

function findAccount(ledgerId, code) {
  const account = db.accounts.find((a) => a.ledger_id === ledgerId && a.code === code);
  if (!account) throw notFound('Account');
  return account;
}

route('GET', '/api/ledgers/:ledgerId/accounts/:code', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  return [200, accountView(findAccount(params.ledgerId, params.code))];
});

function statementLines(account) {
  const normal = DEBIT_NORMAL.has(account.type) ? 1n : -1n;
  let running = 0n;
  const lines = [];
  for (const tx of visibleTransactions(account.ledger_id).filter(
    (t) => t.status === 'posted' || t.status === 'reversed',
  )) {
    for (const p of tx.postings.filter((p) => p.account_code === account.code)) {
      running += normal * (p.direction === 'debit' ? 1n : -1n) * toUnits(p.amount, p.currency);
      lines.push({
        transaction_id: tx.id,
        sequence: tx.sequence,
        occurred_at: tx.occurred_at,
        direction: p.direction,
        amount: p.amount,
        running_balance: fromUnits(running, account.currency),
        description: tx.description,
      });
    }
  }
  return lines;
}

route('GET', '/api/ledgers/:ledgerId/accounts/:code/statement', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  return [200, paginate(statementLines(findAccount(params.ledgerId, params.code)).reverse(), url)];
});

route('GET', '/api/ledgers/:ledgerId/accounts/:code/balance-history', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const account = findAccount(params.ledgerId, params.code);
  return [
    200,
    { data: statementLines(account).map((l) => ({ at: l.occurred_at, balance: l.running_balance })) },
  ];
});

route('GET', '/api/ledgers/:ledgerId/transactions', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const f = Object.fromEntries(
    ['account', 'status', 'external_id', 'from', 'to'].map((k) => [k, url.searchParams.get(k)]),
  );
  const rows = visibleTransactions(params.ledgerId)
    .filter((t) => !f.account || t.postings.some((p) => p.account_code === f.account))
    .filter((t) => !f.status || t.status === f.status)
    .filter((t) => !f.external_id || t.external_id === f.external_id)
    .filter((t) => !f.from || t.occurred_at >= f.from)
    .filter((t) => !f.to || t.occurred_at <= f.to)
    .reverse()
    .map(txView);
  return [200, paginate(rows, url)];
});

const idempotency = new Map(); // ledgerId:key -> {bodyHash, answer}

route('POST', '/api/ledgers/:ledgerId/transactions', ({ user, params, body }) => {
  const ledger = requireLedger(user.id, params.ledgerId);
  const key = requireText(body, 'idempotency_key', { max: 200 });
  const bodyHash = hash(JSON.stringify(body));
  const previous = idempotency.get(`${ledger.id}:${key}`);
  if (previous) {
    if (previous.bodyHash !== bodyHash)
      throw new Problem(
        409,
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency key reused with a different request',
        'Use a new key for a new request.',
      );
    return previous.answer;
  }
  if (!Array.isArray(body.postings) || body.postings.length < 2)
    throw invalid('postings', 'needs at least two postings');
  const sums = new Map();
  body.postings.forEach((p, i) => {
    const account = db.accounts.find((a) => a.ledger_id === ledger.id && a.code === p.account_code);
    if (!account)
      throw new Problem(422, 'ACCOUNT_NOT_FOUND', 'Account not found', `No account ${p.account_code}.`, [
        { field: `postings[${i}].account_code`, message: 'no such account' },
      ]);
    if (account.currency !== p.currency)
      throw new Problem(
        422,
        'CURRENCY_MISMATCH',
        'Currency mismatch',
        `${p.account_code} holds ${account.currency}.`,
        [{ field: `postings[${i}].currency`, message: `must be ${account.currency}` }],
      );
    const units = toUnits(p.amount, p.currency);
    if (units === null || units <= 0n)
      throw new Problem(
        422,
        'AMOUNT_PRECISION',
        'Amount has more decimals than its currency allows',
        `${p.amount} is not a valid ${p.currency} amount.`,
        [{ field: `postings[${i}].amount`, message: 'is not a valid amount' }],
      );
    sums.set(p.currency, (sums.get(p.currency) ?? 0n) + (p.direction === 'debit' ? units : -units));
  });
  for (const [currency, difference] of sums) {
    if (difference !== 0n)
      throw new Problem(
        422,
        'DEBITS_NOT_EQUAL_CREDITS',
        'Debits do not equal credits',
        `${currency} is off by ${fromUnits(difference < 0n ? -difference : difference, currency)}.`,
        [{ field: 'postings', message: `debits and credits differ in ${currency}` }],
      );
  }
  const id = randomUUID();
  const postings = body.postings.map((p) => ({
    account_code: p.account_code,
    direction: p.direction,
    amount: fromUnits(toUnits(p.amount, p.currency), p.currency),
    currency: p.currency,
  }));
  const sequence = appendEvent(
    ledger.id,
    body.pending ? 'transaction.pending' : 'transaction.posted',
    'transaction',
    id,
    {
      transaction_id: id,
      description: typeof body.description === 'string' ? body.description : '',
      external_id: body.external_id ?? null,
      postings,
    },
  );
  const tx = {
    ledger_id: ledger.id,
    visible_at: new Date(Date.now() + PROJECTION_LAG_MS).toISOString(),
    id,
    sequence,
    external_id: body.external_id ?? null,
    description: typeof body.description === 'string' ? body.description : '',
    status: body.pending ? 'pending' : 'posted',
    occurred_at: now(),
    recorded_at: now(),
    metadata: body.metadata ?? {},
    postings,
    reversed_by: null,
    reverses: null,
    history: [{ sequence, status: body.pending ? 'pending' : 'posted', recorded_at: now() }],
  };
  db.transactions.push(tx);
  const answer = [201, txView(tx)];
  idempotency.set(`${ledger.id}:${key}`, { bodyHash, answer });
  return answer;
});

function findTransaction(ledgerId, txId) {
  const tx = visibleTransactions(ledgerId).find((t) => t.id === txId);
  if (!tx)
    throw new Problem(404, 'TRANSACTION_NOT_FOUND', 'Transaction not found', `No transaction ${txId}.`);
  return tx;
}

route('GET', '/api/ledgers/:ledgerId/transactions/:txId', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  return [200, txDetailView(findTransaction(params.ledgerId, params.txId))];
});

route('POST', '/api/ledgers/:ledgerId/transactions/:txId/:action', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const tx = findTransaction(params.ledgerId, params.txId);
  if (params.action === 'post' || params.action === 'void') {
    if (tx.status !== 'pending')
      throw new Problem(409, 'TRANSACTION_NOT_PENDING', 'Transaction is not pending', `It is ${tx.status}.`);
    tx.status = params.action === 'post' ? 'posted' : 'voided';
    const sequence = appendEvent(
      params.ledgerId,
      params.action === 'post' ? 'transaction.posted_from_pending' : 'transaction.voided',
      'transaction',
      tx.id,
      { id: tx.id },
    );
    tx.history.push({ sequence, status: tx.status, recorded_at: now() });
    return [200, txView(tx)];
  }
  if (params.action === 'reverse') {
    if (tx.status !== 'posted')
      throw new Problem(409, 'TRANSACTION_NOT_POSTED', 'Transaction is not posted', `It is ${tx.status}.`);
    const id = randomUUID();
    const sequence = appendEvent(params.ledgerId, 'transaction.reversed', 'transaction', tx.id, {
      id: tx.id,
      reversal_id: id,
    });
    const reversal = {
      ...tx,
      id,
      sequence,
      visible_at: now(),
      external_id: null,
      description: `Reversal of ${tx.description || tx.id}`,
      occurred_at: now(),
      recorded_at: now(),
      postings: tx.postings.map((p) => ({ ...p, direction: p.direction === 'debit' ? 'credit' : 'debit' })),
      reverses: tx.id,
      reversed_by: null,
      history: [{ sequence, status: 'posted', recorded_at: now() }],
    };
    db.transactions.push(reversal);
    tx.status = 'reversed';
    tx.history.push({ sequence, status: 'reversed', recorded_at: now() });
    tx.reversed_by = id;
    return [200, txView(reversal)];
  }
  throw notFound('Action');
});

const keyView = ({ ledger_id: _l, hash: _h, ...key }) => key;

route('GET', '/api/ledgers/:ledgerId/api-keys', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  return [200, { data: db.apiKeys.filter((k) => k.ledger_id === params.ledgerId).map(keyView) }];
});

route('POST', '/api/ledgers/:ledgerId/api-keys', ({ user, params, body }) => {
  requireLedger(user.id, params.ledgerId);
  const description = requireText(body, 'description');
  if (!['read_write', 'read_only'].includes(body.scope))
    throw invalid('scope', 'must be read_write or read_only');
  if (body.expires_at && Number.isNaN(Date.parse(body.expires_at)))
    throw invalid('expires_at', 'must be an ISO 8601 instant');
  const prefix = `laas_${randomBytes(4).toString('hex')}`;
  const rawKey = `${prefix}_${randomBytes(24).toString('base64url')}`;
  const key = {
    ledger_id: params.ledgerId,
    hash: hash(rawKey),
    id: randomUUID(),
    prefix,
    description,
    scope: body.scope,
    created_at: now(),
    expires_at: body.expires_at ?? null,
    last_used_at: null,
    revoked_at: null,
  };
  db.apiKeys.push(key);
  return [201, { ...keyView(key), raw_key: rawKey }];
});

route('POST', '/api/api-keys/:keyId/revoke', ({ user, params }) => {
  const key = db.apiKeys.find((k) => k.id === params.keyId);
  if (!key) throw notFound('API key');
  requireLedger(user.id, key.ledger_id);
  key.revoked_at ??= now();
  return [204];
});

const EVENT_TYPES = [
  'account.created',
  'account.updated',
  'transaction.posted',
  'transaction.pending',
  'transaction.posted_from_pending',
  'transaction.voided',
  'transaction.reversed',
];
const endpointView = ({ ledger_id: _l, secret: _s, ...endpoint }) => endpoint;

function checkEndpointInput(body, partial) {
  if (!partial || body.url !== undefined) {
    if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url))
      throw invalid('url', 'must be an http or https URL');
  }
  if (!partial || body.event_types !== undefined) {
    if (
      !Array.isArray(body.event_types) ||
      body.event_types.length === 0 ||
      body.event_types.some((t) => !EVENT_TYPES.includes(t))
    ) {
      throw invalid('event_types', 'must list known event types');
    }
  }
}

route('GET', '/api/ledgers/:ledgerId/webhook-endpoints', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  return [200, { data: db.endpoints.filter((e) => e.ledger_id === params.ledgerId).map(endpointView) }];
});

route('POST', '/api/ledgers/:ledgerId/webhook-endpoints', ({ user, params, body }) => {
  requireLedger(user.id, params.ledgerId);
  checkEndpointInput(body, false);
  const endpoint = {
    ledger_id: params.ledgerId,
    secret: `whsec_${randomBytes(24).toString('base64')}`,
    id: randomUUID(),
    url: body.url,
    description: body.description ?? '',
    event_types: body.event_types,
    enabled: true,
    created_at: now(),
  };
  db.endpoints.push(endpoint);
  return [201, { ...endpointView(endpoint), secret: endpoint.secret }];
});

function findEndpoint(ledgerId, endpointId) {
  const endpoint = db.endpoints.find((e) => e.ledger_id === ledgerId && e.id === endpointId);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

route('PATCH', '/api/ledgers/:ledgerId/webhook-endpoints/:endpointId', ({ user, params, body }) => {
  requireLedger(user.id, params.ledgerId);
  const endpoint = findEndpoint(params.ledgerId, params.endpointId);
  checkEndpointInput(body, true);
  for (const field of ['url', 'description', 'event_types', 'enabled']) {
    if (body[field] !== undefined) endpoint[field] = body[field];
  }
  return [200, endpointView(endpoint)];
});

route('POST', '/api/ledgers/:ledgerId/webhook-endpoints/:endpointId/rotate-secret', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const endpoint = findEndpoint(params.ledgerId, params.endpointId);
  endpoint.secret = `whsec_${randomBytes(24).toString('base64')}`;
  return [200, { secret: endpoint.secret }];
});

route('POST', '/api/ledgers/:ledgerId/webhook-endpoints/:endpointId/test', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const endpoint = findEndpoint(params.ledgerId, params.endpointId);
  const eventId = randomUUID();
  const body = JSON.stringify({ type: 'webhook.test', timestamp: now(), data: { event_id: eventId } });
  const delivery = queueDelivery(endpoint, eventId, 'webhook.test', body);
  return [202, { delivery_id: delivery.id }];
});

const deliveryView = ({ ledger_id: _l, request_body_text: _b, attempt_log, ...d }) => ({
  ...d,
  attempts: attempt_log.length,
});

route('GET', '/api/ledgers/:ledgerId/webhook-deliveries', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const endpointId = url.searchParams.get('endpoint_id');
  const status = url.searchParams.get('status');
  const rows = db.deliveries
    .filter(
      (d) =>
        d.ledger_id === params.ledgerId &&
        (!endpointId || d.endpoint_id === endpointId) &&
        (!status || d.status === status),
    )
    .reverse()
    .map(deliveryView);
  return [200, paginate(rows, url)];
});

function findDelivery(ledgerId, deliveryId) {
  const delivery = db.deliveries.find((d) => d.ledger_id === ledgerId && d.id === deliveryId);
  if (!delivery) throw notFound('Delivery');
  return delivery;
}

route('GET', '/api/ledgers/:ledgerId/webhook-deliveries/:deliveryId', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const {
    ledger_id: _l,
    request_body_text: _b,
    attempt_log,
    ...d
  } = findDelivery(params.ledgerId, params.deliveryId);
  return [200, { ...d, attempts: attempt_log }];
});

route('POST', '/api/ledgers/:ledgerId/webhook-deliveries/:deliveryId/redeliver', ({ user, params }) => {
  requireLedger(user.id, params.ledgerId);
  const delivery = findDelivery(params.ledgerId, params.deliveryId);
  if (delivery.status !== 'pending') {
    delivery.status = 'pending';
    delivery.next_attempt_at = now();
    void attemptDelivery(delivery);
  }
  return [202];
});

route('GET', '/api/ledgers/:ledgerId/events', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const rows = db.events
    .filter((e) => e.ledger_id === params.ledgerId)
    .reverse()
    .map(({ ledger_id: _l, ...e }) => e);
  return [200, paginate(rows, url)];
});

// ---- reports: per currency, posted legs only, children rolled up into their parents (level 0, 1, ...), totals
// over top-level lines; JSON, or CSV with format=csv (docs/api.md, "Balances, statements and reports"). ----
const TYPE_ORDER = ['asset', 'liability', 'equity', 'revenue', 'expense'];

function instantParam(url, name) {
  const text = url.searchParams.get(name);
  if (!text) return null;
  const ms = Date.parse(text);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
    Number.isNaN(ms)
  )
    throw invalid(name, 'must be an RFC 3339 timestamp such as 2026-11-24T10:15:30Z');
  return { text: new Date(ms).toISOString().replace('.000Z', 'Z'), ms };
}

function csvWanted(url) {
  const format = url.searchParams.get('format');
  if (format && format !== 'json' && format !== 'csv') throw invalid('format', "must be 'json' or 'csv'");
  return format === 'csv';
}

/** Per currency: the accounts in report order with their level and rolled-up net debit (units). */
function books(ledgerId, counts) {
  const own = new Map();
  for (const tx of visibleTransactions(ledgerId)) {
    if (tx.status !== 'posted' && tx.status !== 'reversed') continue;
    if (!counts(Date.parse(tx.occurred_at))) continue;
    for (const p of tx.postings) {
      const units = toUnits(p.amount, p.currency);
      own.set(p.account_code, (own.get(p.account_code) ?? 0n) + (p.direction === 'debit' ? units : -units));
    }
  }
  const accounts = db.accounts.filter((a) => a.ledger_id === ledgerId);
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const childrenOf = (code) =>
    accounts.filter((a) => a.parent_code === code).sort((a, b) => a.code.localeCompare(b.code));
  const rolled = (account) =>
    childrenOf(account.code).reduce((sum, c) => sum + rolled(c), own.get(account.code) ?? 0n);
  return [...new Set(accounts.map((a) => a.currency))].sort().map((currency) => {
    const roots = accounts
      .filter((a) => a.currency === currency && !(a.parent_code && byCode.has(a.parent_code)))
      .sort(
        (a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.code.localeCompare(b.code),
      );
    const nodes = [];
    const walk = (account, level) => {
      nodes.push({ account, level, net: rolled(account) });
      for (const child of childrenOf(account.code)) walk(child, level + 1);
    };
    for (const root of roots) walk(root, 0);
    return { currency, nodes };
  });
}

const normalSide = (type, net) => (DEBIT_NORMAL.has(type) ? net : -net);

function section(book, type) {
  const nodes = book.nodes.filter((n) => n.account.type === type);
  return {
    accounts: nodes.map((n) => ({
      code: n.account.code,
      name: n.account.name,
      parent_code: n.account.parent_code,
      level: n.level,
      balance: fromUnits(normalSide(type, n.net), book.currency),
    })),
    total: fromUnits(
      nodes.filter((n) => n.level === 0).reduce((sum, n) => sum + normalSide(type, n.net), 0n),
      book.currency,
    ),
    units: nodes.filter((n) => n.level === 0).reduce((sum, n) => sum + normalSide(type, n.net), 0n),
  };
}
const withoutUnits = ({ units: _u, ...rest }) => rest;

function csvText(header, rows) {
  const cell = (value) => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  // Free text (the name: column 3 or 4) that a spreadsheet would evaluate gets a leading '; amounts keep their '-'.
  const text = (value) => (typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value);
  return [header, ...rows.map((r) => r.map((v, i) => (i === 3 || i === 4 ? text(v) : v)))]
    .map((r) => r.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

const csvAnswer = (name, text) => [
  200,
  text,
  { 'Content-Type': 'text/csv;charset=UTF-8', 'Content-Disposition': `attachment; filename="${name}"` },
];

function asOfReport(url, ledgerId) {
  const asOf = instantParam(url, 'as_of');
  const csv = csvWanted(url);
  const sequence = db.events.filter((e) => e.ledger_id === ledgerId).length;
  return { asOf, csv, sequence, books: books(ledgerId, (ms) => !asOf || ms <= asOf.ms) };
}

route('GET', '/api/ledgers/:ledgerId/reports/trial-balance', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const { asOf, csv, sequence, books: all } = asOfReport(url, params.ledgerId);
  const currencies = all.map((book) => {
    const roots = book.nodes.filter((n) => n.level === 0);
    const debits = roots.reduce((sum, n) => sum + (n.net > 0n ? n.net : 0n), 0n);
    const credits = roots.reduce((sum, n) => sum + (n.net < 0n ? -n.net : 0n), 0n);
    return {
      currency: book.currency,
      accounts: book.nodes.map((n) => ({
        code: n.account.code,
        name: n.account.name,
        type: n.account.type,
        parent_code: n.account.parent_code,
        level: n.level,
        debit: fromUnits(n.net > 0n ? n.net : 0n, book.currency),
        credit: fromUnits(n.net < 0n ? -n.net : 0n, book.currency),
      })),
      total_debits: fromUnits(debits, book.currency),
      total_credits: fromUnits(credits, book.currency),
    };
  });
  if (csv) {
    const rows = currencies.flatMap((c) => [
      ...c.accounts.map((l) => [
        'account',
        c.currency,
        l.code,
        l.name,
        l.type,
        l.parent_code,
        l.level,
        l.debit,
        l.credit,
      ]),
      ['total', c.currency, null, null, null, null, null, c.total_debits, c.total_credits],
    ]);
    const header = ['row', 'currency', 'code', 'name', 'type', 'parent_code', 'level', 'debit', 'credit'];
    return csvAnswer('trial-balance.csv', csvText(header, rows));
  }
  return [200, { as_of: asOf?.text ?? null, as_of_sequence: sequence, currencies }];
});

const SECTIONS_HEADER = ['row', 'currency', 'section', 'code', 'name', 'parent_code', 'level', 'amount'];
const sectionRows = (currency, name, s) => [
  ...s.accounts.map((l) => ['account', currency, name, l.code, l.name, l.parent_code, l.level, l.balance]),
  ['total', currency, name, null, null, null, null, s.total],
];

route('GET', '/api/ledgers/:ledgerId/reports/balance-sheet', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const { asOf, csv, sequence, books: all } = asOfReport(url, params.ledgerId);
  const currencies = all.map((book) => {
    const c = book.currency;
    const [assets, liabilities, equity, revenue, expenses] = TYPE_ORDER.map((type) => section(book, type));
    const retained = revenue.units - expenses.units;
    const otherSide = liabilities.units + equity.units + retained;
    return {
      currency: c,
      assets: withoutUnits(assets),
      liabilities: withoutUnits(liabilities),
      equity: withoutUnits(equity),
      retained_earnings: {
        revenue: fromUnits(revenue.units, c),
        expenses: fromUnits(expenses.units, c),
        amount: fromUnits(retained, c),
      },
      total_liabilities_and_equity: fromUnits(otherSide, c),
      check: {
        assets: fromUnits(assets.units, c),
        liabilities_equity_and_retained_earnings: fromUnits(otherSide, c),
        difference: fromUnits(assets.units - otherSide, c),
        balanced: assets.units === otherSide,
      },
    };
  });
  if (csv) {
    const rows = currencies.flatMap((c) => [
      ...sectionRows(c.currency, 'assets', c.assets),
      ...sectionRows(c.currency, 'liabilities', c.liabilities),
      ...sectionRows(c.currency, 'equity', c.equity),
      ['retained_earnings', c.currency, 'equity', null, null, null, null, c.retained_earnings.amount],
      ['total', c.currency, 'liabilities_and_equity', null, null, null, null, c.total_liabilities_and_equity],
      [
        'check',
        c.currency,
        'assets_minus_liabilities_and_equity',
        null,
        null,
        null,
        null,
        c.check.difference,
      ],
    ]);
    return csvAnswer('balance-sheet.csv', csvText(SECTIONS_HEADER, rows));
  }
  return [200, { as_of: asOf?.text ?? null, as_of_sequence: sequence, currencies }];
});

route('GET', '/api/ledgers/:ledgerId/reports/income-statement', ({ user, params, url }) => {
  requireLedger(user.id, params.ledgerId);
  const from = instantParam(url, 'from');
  const to = instantParam(url, 'to');
  if (from && to && to.ms < from.ms) throw invalid('to', 'must not be before from');
  const csv = csvWanted(url);
  const all = books(params.ledgerId, (ms) => (!from || ms >= from.ms) && (!to || ms < to.ms));
  const currencies = all
    .filter((book) => book.nodes.some((n) => n.account.type === 'revenue' || n.account.type === 'expense'))
    .map((book) => {
      const revenue = section(book, 'revenue');
      const expenses = section(book, 'expense');
      return {
        currency: book.currency,
        revenue: withoutUnits(revenue),
        expenses: withoutUnits(expenses),
        net_income: fromUnits(revenue.units - expenses.units, book.currency),
      };
    });
  if (csv) {
    const rows = currencies.flatMap((c) => [
      ...sectionRows(c.currency, 'revenue', c.revenue),
      ...sectionRows(c.currency, 'expenses', c.expenses),
      ['net_income', c.currency, null, null, null, null, null, c.net_income],
    ]);
    return csvAnswer('income-statement.csv', csvText(SECTIONS_HEADER, rows));
  }
  const sequence = db.events.filter((e) => e.ledger_id === params.ledgerId).length;
  return [200, { from: from?.text ?? null, to: to?.text ?? null, as_of_sequence: sequence, currencies }];
});

// ---- HTTP plumbing ----
function cookies(req) {
  return Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter(([k]) => k)
      .map(([k, ...v]) => [k, decodeURIComponent(v.join('='))]),
  );
}

function sendProblem(res, problem) {
  res.writeHead(problem.status, { 'Content-Type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: `https://laas.dev/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      errors: problem.errors,
    }),
  );
}

async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_BYTES_MAX)
      throw new Problem(413, 'BODY_TOO_LARGE', 'Request body too large', `At most ${BODY_BYTES_MAX} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, 'MALFORMED_JSON', 'The body is not JSON', 'Send application/json.');
  }
}

async function handleApi(req, res, url) {
  const jar = cookies(req);
  if (req.method !== 'GET' && (!jar['XSRF-TOKEN'] || req.headers['x-xsrf-token'] !== jar['XSRF-TOKEN'])) {
    throw new Problem(
      403,
      'CSRF_TOKEN_INVALID',
      'Missing or wrong CSRF token',
      'Send the XSRF-TOKEN cookie back as X-XSRF-TOKEN.',
    );
  }
  for (const r of routes) {
    const match = r.method === req.method && r.regex.exec(url.pathname);
    if (!match) continue;
    const token = jar.SESSION;
    const user = db.users.find((u) => u.id === db.sessions.get(token));
    if (!r.open && !user) throw new Problem(401, 'UNAUTHENTICATED', 'Not signed in', 'Sign in again.');
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const body = req.method === 'GET' ? {} : await readJson(req);
    const [status, payload, headers] = await r.handler({ req, res, url, params, body, user, token });
    if (typeof payload === 'string') {
      res.writeHead(status, headers ?? { 'Content-Type': 'text/plain' });
      res.end(payload);
    } else if (payload === undefined) {
      res.writeHead(status);
      res.end();
    } else {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    }
    return;
  }
  throw new Problem(404, 'NOT_FOUND', 'Not found', `No route for ${req.method} ${url.pathname}.`);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

async function serveStatic(res, pathname) {
  const file = normalize(join(DIST, decodeURIComponent(pathname)));
  const inside = file.startsWith(DIST);
  const isFile = inside && (await stat(file).catch(() => null))?.isFile();
  // Every other path is a page of the single-page app: answer index.html and let the router draw it.
  const path = isFile ? file : join(DIST, 'index.html');
  const body = await readFile(path);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://stub');
  if (!cookies(req)['XSRF-TOKEN']) {
    res.setHeader('Set-Cookie', [`XSRF-TOKEN=${randomUUID()}; Path=/; SameSite=Lax`]);
  }
  try {
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url);
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      await serveStatic(res, url.pathname);
    } else {
      throw new Problem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `${req.method} ${url.pathname}`);
    }
  } catch (error) {
    if (error instanceof Problem) {
      const previous = res.getHeader('Set-Cookie');
      if (previous) res.setHeader('Set-Cookie', previous);
      sendProblem(res, error);
    } else {
      console.error(error);
      sendProblem(res, new Problem(500, 'INTERNAL', 'The server failed', String(error?.message ?? error)));
    }
  }
});

// STUB_DEMO_EMAIL and STUB_DEMO_PASSWORD seed an account (owner of "Demo org"), like ./laas up's demo user.
if (process.env.STUB_DEMO_EMAIL && process.env.STUB_DEMO_PASSWORD) {
  const user = {
    id: randomUUID(),
    email: process.env.STUB_DEMO_EMAIL.toLowerCase(),
    passwordHash: hash(process.env.STUB_DEMO_PASSWORD),
  };
  const org = { id: randomUUID(), name: 'Demo org' };
  db.users.push(user);
  db.orgs.push(org);
  db.memberships.push({ org_id: org.id, user_id: user.id, role: 'owner', joined_at: now() });
}

server.listen(PORT, '127.0.0.1', () => {
  console.log(
    `contract stub: http://127.0.0.1:${PORT} (dist: ${DIST}, projection lag ${PROJECTION_LAG_MS} ms)`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
