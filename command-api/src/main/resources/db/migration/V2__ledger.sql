-- Write-side ledger state, locked and updated by the posting path, and the events table: the source of truth.

create table accounts (
    id              uuid primary key,
    ledger_id       uuid not null references ledgers (id),
    code            text not null,
    name            text not null,
    type            text not null check (type in ('asset', 'liability', 'equity', 'revenue', 'expense')),
    currency        text not null,
    parent_code     text,
    flags           text[] not null default '{}',
    metadata        jsonb not null default '{}',
    -- Incremented by every change to the balances; clients may pass expected_account_version.
    version         bigint not null default 0,
    -- Exact amounts in major units with the currency's scale (numeric, never floating point).
    debits_posted   numeric not null default 0 check (debits_posted >= 0),
    credits_posted  numeric not null default 0 check (credits_posted >= 0),
    debits_pending  numeric not null default 0 check (debits_pending >= 0),
    credits_pending numeric not null default 0 check (credits_pending >= 0),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (ledger_id, code)
);

-- Write-side state of transactions that later commands act on (post/void a pending one, reverse a posted one).
create table transactions (
    id                         uuid primary key,
    ledger_id                  uuid not null references ledgers (id),
    status                     text not null check (status in ('posted', 'pending', 'voided', 'expired', 'reversed')),
    external_id                text,
    postings                   jsonb not null,
    expires_at                 timestamptz,
    reverses_transaction_id    uuid,
    reversed_by_transaction_id uuid,
    created_sequence           bigint not null,
    created_at                 timestamptz not null default now()
);
create index transactions_ledger_pending on transactions (ledger_id, expires_at) where status = 'pending';

create table events (
    id              uuid primary key,
    ledger_id       uuid not null references ledgers (id),
    sequence        bigint not null check (sequence >= 1),
    aggregate_type  text not null,
    aggregate_id    text not null,
    event_type      text not null,
    schema_version  int not null,
    payload         jsonb not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    idempotency_key text,
    unique (ledger_id, sequence)
);
create unique index events_idempotency on events (ledger_id, idempotency_key) where idempotency_key is not null;

-- What a client's idempotency key answered: same key + same body = same answer; other body = 409.
create table idempotency_records (
    ledger_id       uuid not null references ledgers (id),
    idempotency_key text not null,
    request_hash    text not null,
    response_status int not null,
    response_body   text not null,               -- byte for byte what was answered: replays are identical
    created_at      timestamptz not null default now(),
    primary key (ledger_id, idempotency_key)
);
create index idempotency_records_age on idempotency_records (created_at);

-- The CDC relay (Debezium) reads only this table. Created here so the relay never needs to own it.
create publication laas_events for table events;
