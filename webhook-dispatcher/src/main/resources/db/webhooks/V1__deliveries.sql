-- The webhook-dispatcher's own tables, in schema "webhooks" (Flyway history: webhooks.flyway_schema_history).
-- Endpoints live in command-api's public.webhook_endpoints; no foreign keys cross the two schemas, because each
-- module migrates its own schema on its own schedule.

-- One row per (event, endpoint): what has to be delivered and where it stands.
create table webhooks.deliveries (
    id               uuid primary key,
    ledger_id        uuid not null,
    endpoint_id      uuid not null,
    event_id         uuid not null,          -- also the webhook-id header, stable across retries
    event_type       text not null,
    sequence         bigint not null check (sequence >= 1),
    -- The Standard Webhooks body {type, timestamp, data: envelope}; sent as body::text, byte for byte the same
    -- on every attempt.
    body             jsonb not null,
    status           text not null check (status in ('pending', 'succeeded', 'failed', 'dead')),
    -- Attempts made so far (also the number of the last delivery_attempts row); incremented when a worker
    -- claims the delivery, so every attempt has its own number even if a worker dies mid-send.
    attempts         int not null default 0 check (attempts >= 0),
    -- Failed attempts since the delivery was created or last redelivered: the position in the retry schedule.
    retry_step       int not null default 0 check (retry_step >= 0),
    -- When a pending delivery is due. While a worker sends it, this is the end of the worker's lease; a delivery
    -- whose worker died becomes due again when the lease ends. Null once the delivery is final.
    next_attempt_at  timestamptz,
    last_status_code int,
    last_error       text,
    last_latency_ms  bigint,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (event_id, endpoint_id),
    check ((status = 'pending') = (next_attempt_at is not null))
);
create index deliveries_due on webhooks.deliveries (next_attempt_at) where status = 'pending';
create index deliveries_endpoint on webhooks.deliveries (endpoint_id, created_at desc);
create index deliveries_ledger on webhooks.deliveries (ledger_id, created_at desc);

-- One row per HTTP attempt (or per attempt refused before sending, e.g. by the SSRF guard).
create table webhooks.delivery_attempts (
    delivery_id      uuid not null references webhooks.deliveries (id),
    attempt          int not null check (attempt >= 1),
    at               timestamptz not null,
    url              text not null,
    request_headers  jsonb not null,
    status_code      int,                    -- null when no response arrived
    response_excerpt text,                   -- at most the first 2 KB of the response body
    latency_ms       bigint not null,
    error            text,                   -- null for a 2xx
    primary key (delivery_id, attempt)
);

-- Per endpoint: since when every attempt has failed. An endpoint failing for longer than
-- laas.webhooks.endpoint-disable-after-failing-ms is disabled (and an audit_log row written).
create table webhooks.endpoint_health (
    endpoint_id     uuid primary key,
    failing_since   timestamptz,             -- null while the last attempt succeeded
    last_failure_at timestamptz,
    last_failure    text,
    updated_at      timestamptz not null
);
