/**
 * What events do to the read model, with no Kafka in sight: {@link io.laas.projector.projection.Projection} applies
 * a batch of delivered events in one database transaction, strictly in per-ledger sequence order, skipping
 * duplicates and halting a ledger at a gap or at a record the database refuses to store. The {@code internal} package aggregates a batch into one write per
 * table (or per touched account) and holds the SQL.
 */
package io.laas.projector.projection;
