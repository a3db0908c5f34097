/**
 * The LaaS event contract shared by every module and by downstream consumers: the {@link io.laas.events.EventEnvelope},
 * one record per event type in the sealed {@link io.laas.events.LedgerEvent}, the topic names and the JSON serde.
 * Depends on Jackson only; no Spring.
 */
package io.laas.events;
