package io.laas.projector.projection.internal;

import java.time.Instant;
import java.util.UUID;

/** The last event a batch applied for one ledger. */
record LedgerPosition(long sequence, UUID eventId, Instant recordedAt) {
}
