/**
 * Real PostgreSQL and Kafka servers without Docker: {@link io.laas.infra.LocalPostgres} (zonky binaries, logical
 * WAL), {@link io.laas.infra.LocalKafka} (a single-node KRaft broker in a child JVM), the shared JUnit fixture
 * {@link io.laas.infra.TestInfra} and the dev-stack launcher {@link io.laas.infra.InfraMain}.
 */
package io.laas.infra;
