/**
 * How a batch becomes SQL: {@link io.laas.projector.projection.internal.Sequencer} (what may be applied, pure),
 * {@link io.laas.projector.projection.internal.Changes} (fold into one change per row, pure),
 * {@link io.laas.projector.projection.internal.ReadModelWriter} and
 * {@link io.laas.projector.projection.internal.Progress} (the statements). Only {@code projection} uses this package.
 */
package io.laas.projector.projection.internal;
