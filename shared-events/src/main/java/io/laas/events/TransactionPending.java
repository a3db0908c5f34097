package io.laas.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Schema version 1: a two-phase transaction reserved its amounts. Its postings count in pending balances until a
 * {@link TransactionPostedFromPending} or {@link TransactionVoided} releases them. {@code expires_at} may be null.
 */
public record TransactionPending(UUID transactionId, String externalId, String description,
		Map<String, String> metadata, List<Posting> postings, Instant expiresAt) implements LedgerEvent {

	public TransactionPending {
		Objects.requireNonNull(transactionId, "transaction_id");
		metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
		postings = Postings.requireBalanced(postings);
	}

	@Override
	public String aggregateType() {
		return "transaction";
	}

	@Override
	public String aggregateId() {
		return transactionId.toString();
	}

}
