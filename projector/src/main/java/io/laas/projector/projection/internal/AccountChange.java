package io.laas.projector.projection.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.AccountCreated;
import io.laas.events.Direction;

/**
 * Everything one batch does to one account: a new row (when the batch opened it) or a change to an existing row,
 * with the four totals as deltas. Mutable, and confined to the batch that builds it.
 */
public final class AccountChange {

	final UUID ledgerId;

	final String code;

	/** The account was opened in this batch: insert it, with the deltas as its totals. */
	AccountCreated created;

	/** Name and metadata to write, when an {@code account.updated} arrived for an existing row. */
	boolean detailsChanged;

	String name;

	Map<String, String> metadata;

	BigDecimal debitsPosted = BigDecimal.ZERO;

	BigDecimal creditsPosted = BigDecimal.ZERO;

	BigDecimal debitsPending = BigDecimal.ZERO;

	BigDecimal creditsPending = BigDecimal.ZERO;

	long lastSequence;

	Instant createdAt;

	Instant updatedAt;

	AccountChange(UUID ledgerId, String code) {
		this.ledgerId = ledgerId;
		this.code = code;
	}

	void open(AccountCreated event, long sequence, Instant recordedAt) {
		this.created = event;
		this.name = event.name();
		this.metadata = event.metadata();
		this.createdAt = recordedAt;
		touch(sequence, recordedAt);
	}

	void rename(String name, Map<String, String> metadata, long sequence, Instant recordedAt) {
		this.name = name;
		this.metadata = metadata;
		this.detailsChanged = this.created == null;
		touch(sequence, recordedAt);
	}

	void post(Direction direction, BigDecimal amount) {
		if (direction == Direction.DEBIT) {
			this.debitsPosted = this.debitsPosted.add(amount);
		}
		else {
			this.creditsPosted = this.creditsPosted.add(amount);
		}
	}

	void reserve(Direction direction, BigDecimal amount) {
		if (direction == Direction.DEBIT) {
			this.debitsPending = this.debitsPending.add(amount);
		}
		else {
			this.creditsPending = this.creditsPending.add(amount);
		}
	}

	void release(Direction direction, BigDecimal amount) {
		reserve(direction, amount.negate());
	}

	void touch(long sequence, Instant recordedAt) {
		this.lastSequence = sequence;
		this.updatedAt = recordedAt;
	}

	boolean isNew() {
		return this.created != null;
	}

	List<String> flags() {
		return this.created.flags();
	}

}
