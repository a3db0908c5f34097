package io.laas.projector.projection.internal;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code read_model.transaction_history}. */
record HistoryRow(UUID ledgerId, UUID transactionId, long sequence, String status, Instant recordedAt) {
}
