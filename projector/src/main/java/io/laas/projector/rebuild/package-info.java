/**
 * Rebuilding the read model from the topic: empty every read-model table, then consume every partition from its
 * first offset. The projection is deterministic, so the result equals the live read model.
 */
package io.laas.projector.rebuild;
