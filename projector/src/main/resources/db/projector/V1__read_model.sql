-- The projector's read model. command-api's read endpoints query these tables directly: the column names and
-- meanings are a contract (projector/README.md). Everything here can be rebuilt from the events topic.

-- Where each ledger's projection stands. A ledger is applied strictly in sequence order; a gap halts it.
create table ledger_progress (
    ledger_id        uuid primary key,
    last_sequence    bigint      not null default 0,
    last_event_id    uuid,
    last_recorded_at timestamptz,
    applied_at       timestamptz not null,
    halted_sequence  bigint,
    halted_reason    text
);

-- One row per account with the four totals; readers derive the balance from the account's normal side.
create table accounts (
    ledger_id       uuid        not null,
    account_id      uuid        not null unique,
    code            text        not null,
    name            text,
    type            text        not null,
    currency        text        not null,
    parent_code     text,
    flags           text[]      not null default '{}',
    metadata        jsonb       not null default '{}',
    debits_posted   numeric     not null default 0,
    credits_posted  numeric     not null default 0,
    debits_pending  numeric     not null default 0,
    credits_pending numeric     not null default 0,
    last_sequence   bigint      not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (ledger_id, code)
);

create table transactions (
    ledger_id                  uuid        not null,
    transaction_id             uuid primary key,
    sequence                   bigint      not null,
    external_id                text,
    description                text,
    metadata                   jsonb       not null default '{}',
    status                     text        not null check (status in ('posted', 'pending', 'voided', 'reversed')),
    occurred_at                timestamptz not null,
    recorded_at                timestamptz not null,
    expires_at                 timestamptz,
    reverses_transaction_id    uuid,
    reversed_by_transaction_id uuid,
    postings                   jsonb       not null,
    -- Not in the first draft of the contract: 'voided' or 'expired' (from transaction.voided), else null.
    void_reason                text
);
create index transactions_by_ledger_sequence on transactions (ledger_id, sequence desc);
create index transactions_by_ledger_external_id on transactions (ledger_id, external_id);

-- Every leg that moved a balance: 'posted' legs change posted totals, 'pending' legs reserve, 'released' legs
-- undo a reservation (when a pending transaction is posted or voided). Enough for statements and
-- balance-over-time without touching the events.
create table postings (
    ledger_id      uuid        not null,
    transaction_id uuid        not null,
    ordinal        int         not null,
    sequence       bigint      not null,
    account_code   text        not null,
    direction      text        not null check (direction in ('debit', 'credit')),
    amount         numeric     not null check (amount > 0),
    currency       text        not null,
    status         text        not null check (status in ('posted', 'pending', 'released')),
    occurred_at    timestamptz not null,
    primary key (transaction_id, ordinal, status)
);
create index postings_by_ledger_account_sequence on postings (ledger_id, account_code, sequence);

-- Each status a transaction went through, at the sequence of the event that set it.
create table transaction_history (
    ledger_id      uuid        not null,
    transaction_id uuid        not null,
    sequence       bigint      not null,
    status         text        not null,
    recorded_at    timestamptz not null,
    primary key (transaction_id, sequence)
);
