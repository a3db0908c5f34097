-- Debezium offsets of the CDC relay (one store per replication slot), kept beside the events they point into.
create table relay_offsets (
    store_name   text  not null,
    offset_key   bytea not null,
    offset_value bytea,
    updated_at   timestamptz not null default now(),
    primary key (store_name, offset_key)
);
