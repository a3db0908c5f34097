/**
 * How a replay reads and checks: the per-thread partition readers (manual assignment, no group, the live
 * projector's projection into {@code read_model_next}) and the catalog comparison of two schemas. Used by
 * {@code rebuild.Replay} only.
 */
package io.laas.projector.rebuild.internal;
