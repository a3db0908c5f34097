/**
 * Rebuilding the read model from the topic. {@link io.laas.projector.rebuild.Replay} ({@code ./laas replay}) builds
 * it in fresh tables ({@code read_model_next}) while the live projector goes on, and swaps it in atomically;
 * {@link io.laas.projector.rebuild.Rebuild} ({@code --rebuild}) is the older in-place way: empty every read-model
 * table, then consume every partition from its first offset. The projection is deterministic, so either result
 * equals the live read model.
 */
package io.laas.projector.rebuild;
