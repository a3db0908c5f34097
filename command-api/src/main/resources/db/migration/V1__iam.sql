-- Identity and access: who may touch which ledger. Owned by command-api.

create table users (
    id            uuid primary key,
    email         text not null unique,          -- normalised (trimmed, lower-case) before insert
    password_hash text not null,                 -- bcrypt
    created_at    timestamptz not null default now()
);

create table organizations (
    id         uuid primary key,
    name       text not null,
    created_at timestamptz not null default now()
);

create table org_users (
    org_id     uuid not null references organizations (id),
    user_id    uuid not null references users (id),
    role       text not null check (role in ('owner', 'developer')),
    created_at timestamptz not null default now(),
    primary key (org_id, user_id)
);
create index org_users_user on org_users (user_id);

create table projects (
    id         uuid primary key,
    org_id     uuid not null references organizations (id),
    name       text not null,
    code       text not null,
    created_at timestamptz not null default now(),
    unique (org_id, code)
);

create table ledgers (
    id            uuid primary key,
    org_id        uuid not null references organizations (id),
    project_id    uuid not null references projects (id),
    name          text not null,
    code          text not null,
    currency      text not null,
    -- The last event sequence handed out in this ledger. Incremented under this row's lock in the same
    -- transaction that appends the events, so sequences are gap-free and commit order equals sequence order.
    last_sequence bigint not null default 0,
    created_at    timestamptz not null default now(),
    unique (project_id, code)
);

create table api_keys (
    id           uuid primary key,
    org_id       uuid not null references organizations (id),
    ledger_id    uuid not null references ledgers (id),
    prefix       text not null,                  -- first characters of the raw key, shown in lists
    key_hash     text not null unique,           -- hex HMAC-SHA256(api-key secret, raw key); the raw key is never stored
    description  text not null default '',
    scope        text not null check (scope in ('read_write', 'read_only')),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_keys_ledger on api_keys (ledger_id);

-- Append-only record of IAM and configuration changes.
create table audit_log (
    id            bigserial primary key,
    org_id        uuid,
    actor_user_id uuid,
    actor         text not null,
    action        text not null,
    target        text,
    ip            text,
    details       jsonb not null default '{}',
    created_at    timestamptz not null default now()
);
create index audit_log_org on audit_log (org_id, id desc);
