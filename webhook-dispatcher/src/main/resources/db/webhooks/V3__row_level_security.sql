-- Row-level security on the delivery log, for command-api: it shows, queues (test deliveries) and resets
-- (redeliveries) deliveries as its application role, in a transaction that first sets app.ledger_id (see
-- command-api's V5__row_level_security.sql). ENABLE, not FORCE: the dispatcher owns these tables and works across
-- ledgers. endpoint_health carries no ledger and command-api does not read it: no grant, no policy.

alter table deliveries enable row level security;
create policy ledger_isolation on deliveries
    using (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid)
    with check (ledger_id = nullif(current_setting('app.ledger_id', true), '')::uuid);

-- An attempt belongs to the ledger of its delivery, which the policy above already filters.
alter table delivery_attempts enable row level security;
create policy ledger_isolation on delivery_attempts
    using (exists (select from deliveries d where d.id = delivery_id));

-- Grants to command-api's application roles (public.app_roles); when command-api has not migrated yet, its own
-- migration grants on this schema when it runs (afterMigrate__app_role_grants.sql).
do $$
declare
    r record;
begin
    if to_regclass('public.app_roles') is null then
        raise notice 'public.app_roles does not exist yet; command-api grants access when it migrates';
        return;
    end if;
    for r in select a.role_name from public.app_roles a join pg_roles p on p.rolname = a.role_name loop
        execute format('grant usage on schema webhooks to %I', r.role_name);
        execute format('grant select, insert, update on deliveries to %I', r.role_name);
        execute format('grant select on delivery_attempts to %I', r.role_name);
    end loop;
end
$$;
