package io.laas.projector.feed.internal;

import java.util.Set;
import java.util.UUID;

/** A partition paused at {@code offset} because of a halt; {@code ledgers} are the ledgers halted there. */
record HeldPartition(long offset, Set<UUID> ledgers, long sinceMs) {
}
