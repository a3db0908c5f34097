-- Runs after every migration of command-api's schema (a Flyway callback, not a versioned migration): gives the
-- application role what it needs, and nothing it does not. Idempotent. The role name: see V5__row_level_security.sql.
--
-- public: DML on the ledger-scoped tables (row-level security decides which rows) and on the IAM tables; the two
-- logs, events and audit_log, are append-only for it (select, insert). relay_offsets and flyway_schema_history: no
-- access. Every table is named here: default privileges only reach tables created after they were first set, and
-- on a fresh database this callback runs after all the versioned migrations. Tables that later migrations create
-- also get DML by default; a new ledger-scoped table needs its own policy
-- (RowLevelSecurityTest fails for one with a ledger_id column and no forced row-level security).
--
-- read_model (the projector's) and webhooks (the dispatcher's): granted here when they already exist, and by
-- their own migrations (from app_roles) when they are created later, so any start order ends with the grants.

do $$
declare
    app_role text := coalesce(nullif(current_setting('laas.app_role', true), ''), 'laas_app');
begin
    if not exists (select from pg_roles where rolname = app_role) then
        raise exception 'database role "%" does not exist: create it before starting command-api '
            '(docs/operations.md, "Database roles")', app_role;
    end if;
    insert into public.app_roles (role_name) values (app_role) on conflict do nothing;

    execute format('grant select, insert, update on public.accounts, public.transactions to %I', app_role);
    execute format('grant select, insert on public.events, public.audit_log to %I', app_role);
    execute format('grant usage on sequence public.audit_log_id_seq to %I', app_role);
    execute format('grant select, insert, delete on public.idempotency_records to %I', app_role);
    execute format('grant select, insert, update, delete on public.webhook_endpoints, public.users, '
        'public.organizations, public.org_users, public.org_invitations, public.projects, public.ledgers, '
        'public.api_keys to %I', app_role);
    execute format('grant select on public.app_roles to %I', app_role);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
        app_role);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', app_role);

    if exists (select from pg_namespace where nspname = 'read_model') then
        execute format('grant usage on schema read_model to %I', app_role);
        execute format('grant select on read_model.ledger_progress, read_model.accounts, read_model.transactions, '
            'read_model.postings, read_model.transaction_history to %I', app_role);
    end if;

    if exists (select from pg_namespace where nspname = 'webhooks') then
        execute format('grant usage on schema webhooks to %I', app_role);
        -- command-api queues test deliveries and redeliveries, and shows the delivery log with its attempts.
        execute format('grant select, insert, update on webhooks.deliveries to %I', app_role);
        execute format('grant select on webhooks.delivery_attempts to %I', app_role);
    end if;
end
$$;
