-- Webhook endpoints, managed through command-api (/v1/webhook-endpoints and the dashboard) and read by the
-- webhook-dispatcher, which owns the delivery tables in its own schema.

create table webhook_endpoints (
    id                         uuid primary key,
    ledger_id                  uuid not null references ledgers (id),
    url                        text not null,
    description                text not null default '',
    -- Wire names of the event types to deliver; empty means every type.
    event_types                text[] not null default '{}',
    enabled                    boolean not null default true,
    disabled_reason            text,
    -- whsec_<base64>: needed in clear to sign; the database is the trust boundary for it, as for the API keys' HMAC secret.
    secret                     text not null,
    -- During a rotation the previous secret keeps signing alongside the new one until it expires.
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now()
);
create index webhook_endpoints_ledger on webhook_endpoints (ledger_id) where enabled;
