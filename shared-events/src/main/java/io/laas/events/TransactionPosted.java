package io.laas.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Schema version 1: a transaction was posted; its postings change posted balances. */
public record TransactionPosted(UUID transactionId, String externalId, String description,
		Map<String, String> metadata, List<Posting> postings) implements LedgerEvent {

	public TransactionPosted {
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
