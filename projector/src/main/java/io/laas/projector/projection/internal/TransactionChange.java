package io.laas.projector.projection.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Everything one batch does to one transaction: a new row, or a status change of a row written by an earlier batch
 * (which must still be in {@link #expectedStatus}, checked by the UPDATE itself). Mutable, batch-confined.
 */
public final class TransactionChange {

	final UUID ledgerId;

	final UUID transactionId;

	/** True when this batch inserts the row. */
	final boolean isNew;

	/** For a change to an existing row: the status the row must have before this batch. */
	final String expectedStatus;

	String status;

	long sequence;

	String externalId;

	String description;

	Map<String, String> metadata;

	Instant occurredAt;

	Instant recordedAt;

	Instant expiresAt;

	UUID reversesTransactionId;

	UUID reversedByTransactionId;

	/** The postings as JSON; for an existing row, {@code null} keeps the stored value. */
	String postingsJson;

	String voidReason;

	private TransactionChange(UUID ledgerId, UUID transactionId, boolean isNew, String expectedStatus) {
		this.ledgerId = ledgerId;
		this.transactionId = transactionId;
		this.isNew = isNew;
		this.expectedStatus = expectedStatus;
	}

	static TransactionChange created(UUID ledgerId, UUID transactionId) {
		return new TransactionChange(ledgerId, transactionId, true, null);
	}

	static TransactionChange existing(UUID ledgerId, UUID transactionId, String expectedStatus) {
		TransactionChange change = new TransactionChange(ledgerId, transactionId, false, expectedStatus);
		change.status = expectedStatus;
		return change;
	}

}
