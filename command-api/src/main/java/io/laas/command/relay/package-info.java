/**
 * The CDC relay: an embedded Debezium engine that tails the {@code events} table (pgoutput, publication
 * {@code laas_events}) and publishes each row as an {@link io.laas.events.EventEnvelope} to Kafka, keyed by
 * ledger id. One instance at a time holds a Postgres advisory lock and runs the engine; others wait as standbys.
 * Offsets are stored in our own table and marked processed only after Kafka acknowledged the record.
 */
package io.laas.command.relay;
