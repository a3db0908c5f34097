/**
 * The fault suite behind {@code ./laas chaos}: a seeded workload over real HTTP against a running stack, faults
 * (kill -9 of the services, a Kafka freeze while the relay waits for acknowledgements, PostgreSQL and Kafka
 * crash-restarts) and a checker that proves, against PostgreSQL, the Kafka topic and a webhook receiver, that
 * nothing accepted was lost or doubled. See docs/reliability.md.
 */
package io.laas.infra.chaos;
