-- Row-level security on the read model, for command-api: it reads these tables as its application role, in a
-- transaction that first sets app.ledger_id (see command-api's V5__row_level_security.sql). The policy lets that
-- ledger's rows through; with the setting unset a query sees nothing. ENABLE, not FORCE: the projector owns these
-- tables and writes across ledgers, and an owner is not subject to its tables' policies unless forced.

alter table ledger_progress enable row level security;
create policy ledger_isolation on ledger_progress
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table accounts enable row level security;
create policy ledger_isolation on accounts
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table transactions enable row level security;
create policy ledger_isolation on transactions
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table postings enable row level security;
create policy ledger_isolation on postings
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table transaction_history enable row level security;
create policy ledger_isolation on transaction_history
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

-- Read access for the roles command-api serves requests with (public.app_roles, written by command-api's
-- migrations). When command-api has not migrated yet there is nobody to grant to: its own migration grants on this
-- schema when it runs (afterMigrate__app_role_grants.sql), so either start order ends with the grants.
do $$
declare
    r record;
begin
    if to_regclass('public.app_roles') is null then
        raise notice 'public.app_roles does not exist yet; command-api grants read access when it migrates';
        return;
    end if;
    for r in select a.role_name from public.app_roles a join pg_roles p on p.rolname = a.role_name loop
        execute format('grant usage on schema %I to %I', '${flyway:defaultSchema}', r.role_name);
        execute format('grant select on ledger_progress, accounts, transactions, postings, transaction_history to %I',
            r.role_name);
    end loop;
end
$$;
