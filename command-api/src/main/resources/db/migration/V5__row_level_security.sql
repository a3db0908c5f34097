-- Row-level security: the second wall of tenant isolation, behind the "where ledger_id = ?" of every query.
-- command-api serves requests as the application role (LAAS_DATABASE_APP_USERNAME, default laas_app; created by
-- the operator, docs/operations.md "Database roles"): not superuser, not BYPASSRLS, owner of nothing. Every
-- ledger-scoped access runs in a transaction that first sets app.ledger_id (io.laas.command.isolation.LedgerScope);
-- these policies let through only that ledger's rows, and refuse to write any other. Unset, the setting is '' and
-- the policy compares with null: a query outside a scope sees nothing and writes nothing.
--
-- FORCE makes the policies hold for the tables' owner too. The owner role (migrations, the CDC relay, the projector
-- and the webhook-dispatcher, which work across ledgers) must therefore be a superuser or have BYPASSRLS.
--
-- The IAM tables (users, organizations, org_users, projects, ledgers, api_keys, audit_log) have no row-level
-- security: they are read before any ledger is known (log-in, API key authentication, access checks).
--
-- The role's name comes from the session setting laas.app_role (command-api's spring.flyway.init-sqls), or
-- laas_app when it is not set (a plain Flyway run, as the webhook-dispatcher's tests do). Its grants are in
-- afterMigrate__app_role_grants.sql, run after every migration so that they follow the role and the other
-- services' schemas whatever order things start in.

do $$
declare
    app_role text := coalesce(nullif(current_setting('laas.app_role', true), ''), 'laas_app');
begin
    if not exists (select from pg_roles where rolname = app_role) then
        raise exception 'database role "%" does not exist: create it before starting command-api '
            '(docs/operations.md, "Database roles")', app_role;
    end if;
end
$$;

-- The roles that serve requests. The projector's and the dispatcher's migrations grant their tables to these,
-- so that no service needs to know another's configuration.
create table app_roles (
    role_name text primary key
);

-- When the ledger's earliest pending transaction expires (never later than it; null: none). The expiry job finds
-- due ledgers here, in a table without row-level security, and then looks into each ledger in its own scope.
-- Lowered by the trigger below under the ledger lock that every posting batch holds; recomputed by the job.
alter table ledgers add column next_expiry_at timestamptz;
create index ledgers_next_expiry on ledgers (next_expiry_at) where next_expiry_at is not null;

update ledgers l set next_expiry_at = (
    select min(t.expires_at) from transactions t where t.ledger_id = l.id and t.status = 'pending');

create function ledger_next_expiry_hint() returns trigger language plpgsql as $$
begin
    update ledgers set next_expiry_at = new.expires_at
     where id = new.ledger_id and (next_expiry_at is null or next_expiry_at > new.expires_at);
    return null;
end
$$;

create trigger transactions_next_expiry_hint
    after insert or update of status, expires_at on transactions
    for each row when (new.status = 'pending' and new.expires_at is not null)
    execute function ledger_next_expiry_hint();

-- The ledger-scoped tables.
alter table accounts enable row level security;
alter table accounts force row level security;
create policy ledger_isolation on accounts
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table transactions enable row level security;
alter table transactions force row level security;
create policy ledger_isolation on transactions
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table events enable row level security;
alter table events force row level security;
create policy ledger_isolation on events
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table idempotency_records enable row level security;
alter table idempotency_records force row level security;
create policy ledger_isolation on idempotency_records
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

alter table webhook_endpoints enable row level security;
alter table webhook_endpoints force row level security;
create policy ledger_isolation on webhook_endpoints
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);
