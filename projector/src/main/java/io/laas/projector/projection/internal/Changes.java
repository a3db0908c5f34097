package io.laas.projector.projection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.AccountCreated;
import io.laas.events.AccountUpdated;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * The read-model changes of a run of events, folded so that each account and transaction is written once per batch
 * whatever the number of its events: that is what makes a rebuild fast. Pure: no I/O. Folding is order-preserving
 * and exact (totals are {@code BigDecimal} sums), so any split of the stream into batches yields the same rows.
 *
 * <p>A broken invariant (an account opened twice, a posting to an account never opened in this batch is caught by
 * the writer, a transition from the wrong status) throws: it is a bug upstream, not something to skip silently.
 */
public final class Changes {

	static final String POSTED = "posted";

	static final String PENDING = "pending";

	static final String VOIDED = "voided";

	static final String REVERSED = "reversed";

	static final String RELEASED = "released";

	private final Map<AccountKey, AccountChange> accounts = new LinkedHashMap<>();

	private final Map<UUID, TransactionChange> transactions = new LinkedHashMap<>();

	private final List<PostingRow> postings = new ArrayList<>();

	private final List<HistoryRow> history = new ArrayList<>();

	private final Map<UUID, LedgerPosition> positions = new LinkedHashMap<>();

	private int events;

	/** Folds one event; the caller guarantees per-ledger sequence order. */
	public void apply(EventEnvelope envelope) {
		LedgerEvent event = envelope.payload();
		if (event instanceof AccountCreated created) {
			AccountChange account = this.accounts.computeIfAbsent(key(envelope, created.code()),
					(key) -> new AccountChange(key.ledgerId(), key.code()));
			if (account.isNew() || account.lastSequence != 0) {
				throw new IllegalStateException("account " + created.code() + " of ledger " + envelope.ledgerId()
						+ " is opened at sequence " + envelope.sequence() + " after being used or opened before");
			}
			account.open(created, envelope.sequence(), envelope.recordedAt());
		}
		else if (event instanceof AccountUpdated updated) {
			account(envelope, updated.code()).rename(updated.name(), updated.metadata(), envelope.sequence(),
					envelope.recordedAt());
		}
		else if (event instanceof TransactionPosted posted) {
			TransactionChange tx = open(envelope, posted.transactionId(), POSTED, posted.postings());
			tx.externalId = posted.externalId();
			tx.description = posted.description();
			tx.metadata = posted.metadata();
			legs(envelope, posted.transactionId(), posted.postings(), POSTED);
		}
		else if (event instanceof TransactionPending pending) {
			TransactionChange tx = open(envelope, pending.transactionId(), PENDING, pending.postings());
			tx.externalId = pending.externalId();
			tx.description = pending.description();
			tx.metadata = pending.metadata();
			tx.expiresAt = pending.expiresAt();
			legs(envelope, pending.transactionId(), pending.postings(), PENDING);
		}
		else if (event instanceof TransactionPostedFromPending posted) {
			TransactionChange tx = transition(envelope, posted.transactionId(), PENDING, POSTED);
			// The row shows what finally moved; the reserved amounts stay visible as 'pending'/'released' legs.
			tx.postingsJson = json(posted.postings());
			legs(envelope, posted.transactionId(), posted.releasedPostings(), RELEASED);
			legs(envelope, posted.transactionId(), posted.postings(), POSTED);
		}
		else if (event instanceof TransactionVoided voided) {
			TransactionChange tx = transition(envelope, voided.transactionId(), PENDING, VOIDED);
			tx.voidReason = voided.reason();
			legs(envelope, voided.transactionId(), voided.releasedPostings(), RELEASED);
		}
		else if (event instanceof TransactionReversed reversed) {
			TransactionChange tx = open(envelope, reversed.transactionId(), POSTED, reversed.postings());
			tx.description = reversed.description();
			tx.metadata = reversed.metadata();
			tx.reversesTransactionId = reversed.reversedTransactionId();
			legs(envelope, reversed.transactionId(), reversed.postings(), POSTED);
			TransactionChange original = transition(envelope, reversed.reversedTransactionId(), POSTED, REVERSED);
			original.reversedByTransactionId = reversed.transactionId();
		}
		else {
			throw new IllegalStateException("no projection for " + event.getClass().getName());
		}
		this.positions.put(envelope.ledgerId(),
				new LedgerPosition(envelope.sequence(), envelope.eventId(), envelope.recordedAt()));
		this.events++;
	}

	public int events() {
		return this.events;
	}

	Collection<AccountChange> accounts() {
		return this.accounts.values();
	}

	Collection<TransactionChange> transactions() {
		return this.transactions.values();
	}

	List<PostingRow> postings() {
		return this.postings;
	}

	List<HistoryRow> history() {
		return this.history;
	}

	Map<UUID, LedgerPosition> positions() {
		return this.positions;
	}

	private TransactionChange open(EventEnvelope envelope, UUID transactionId, String status, List<Posting> legs) {
		TransactionChange tx = TransactionChange.created(envelope.ledgerId(), transactionId);
		if (this.transactions.putIfAbsent(transactionId, tx) != null) {
			throw new IllegalStateException("transaction " + transactionId + " created twice");
		}
		tx.status = status;
		tx.sequence = envelope.sequence();
		tx.occurredAt = envelope.occurredAt();
		tx.recordedAt = envelope.recordedAt();
		tx.postingsJson = json(legs);
		this.history.add(new HistoryRow(envelope.ledgerId(), transactionId, envelope.sequence(), status,
				envelope.recordedAt()));
		return tx;
	}

	private TransactionChange transition(EventEnvelope envelope, UUID transactionId, String from, String to) {
		TransactionChange tx = this.transactions.computeIfAbsent(transactionId,
				(id) -> TransactionChange.existing(envelope.ledgerId(), id, from));
		if (!from.equals(tx.status) || !tx.ledgerId.equals(envelope.ledgerId())) {
			throw new IllegalStateException("transaction " + transactionId + " cannot go from " + tx.status + " to "
					+ to + " at sequence " + envelope.sequence() + " of ledger " + envelope.ledgerId());
		}
		tx.status = to;
		this.history.add(new HistoryRow(envelope.ledgerId(), transactionId, envelope.sequence(), to,
				envelope.recordedAt()));
		return tx;
	}

	/** Records the legs and moves the account totals: posted and pending add, released takes back. */
	private void legs(EventEnvelope envelope, UUID transactionId, List<Posting> legs, String status) {
		for (int ordinal = 0; ordinal < legs.size(); ordinal++) {
			Posting leg = legs.get(ordinal);
			AccountChange account = account(envelope, leg.accountCode());
			if (POSTED.equals(status)) {
				account.post(leg.direction(), leg.amount());
			}
			else if (PENDING.equals(status)) {
				account.reserve(leg.direction(), leg.amount());
			}
			else {
				account.release(leg.direction(), leg.amount());
			}
			this.postings.add(new PostingRow(envelope.ledgerId(), transactionId, ordinal, envelope.sequence(),
					leg.accountCode(), leg.direction().wire(), leg.amount(), leg.currency(), status,
					envelope.occurredAt()));
		}
	}

	private AccountChange account(EventEnvelope envelope, String code) {
		AccountChange account = this.accounts.computeIfAbsent(key(envelope, code),
				(key) -> new AccountChange(key.ledgerId(), key.code()));
		account.touch(envelope.sequence(), envelope.recordedAt());
		return account;
	}

	private static AccountKey key(EventEnvelope envelope, String code) {
		return new AccountKey(envelope.ledgerId(), code);
	}

	static String json(Object value) {
		return EventSerde.mapper().writeValueAsString(value);
	}

	record AccountKey(UUID ledgerId, String code) {
	}

}
