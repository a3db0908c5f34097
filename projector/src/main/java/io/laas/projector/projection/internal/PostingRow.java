package io.laas.projector.projection.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code read_model.postings}. */
record PostingRow(UUID ledgerId, UUID transactionId, int ordinal, long sequence, String accountCode,
		String direction, BigDecimal amount, String currency, String status, Instant occurredAt) {
}
