package io.laas.command.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.laas.events.Posting;

/** The write-side state of a transaction that later commands may act on (post, void, reverse). */
public record TransactionState(UUID id, TransactionStatus status, String externalId, List<Posting> postings,
		Instant expiresAt, UUID reversesTransactionId, UUID reversedByTransactionId, long createdSequence) {

	public TransactionState {
		postings = List.copyOf(postings);
	}

	public TransactionState withStatus(TransactionStatus next) {
		return new TransactionState(id, next, externalId, postings, expiresAt, reversesTransactionId,
				reversedByTransactionId, createdSequence);
	}

	public TransactionState reversedBy(UUID reversal) {
		return new TransactionState(id, TransactionStatus.REVERSED, externalId, postings, expiresAt,
				reversesTransactionId, reversal, createdSequence);
	}

}
