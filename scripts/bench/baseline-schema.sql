-- pgbench baseline of ./laas bench: the naive per-request SQL a Postgres ledger starts with (one database
-- transaction per posting, two account rows locked FOR UPDATE until the commit), in its own database
-- bench_baseline on the stack's Postgres.
drop table if exists events;
drop table if exists accounts;
create table accounts (
    id      int primary key,
    balance numeric not null default 0
);
create table events (
    id          uuid primary key default gen_random_uuid(),
    ledger_id   int not null,
    event_type  text not null,
    payload     jsonb not null,
    recorded_at timestamptz not null default now()
);
insert into accounts (id) select g from generate_series(1, 1000) g;
vacuum analyze accounts;
