/**
 * The LaaS projector. One package per capability: {@code readmodel} owns the schema, {@code projection} turns events
 * into read-model rows (no Kafka), {@code feed} reads the topic and commits offsets after the database, and
 * {@code rebuild} replays the topic into empty tables. Each capability's {@code internal} package is its own.
 */
package io.laas.projector;
