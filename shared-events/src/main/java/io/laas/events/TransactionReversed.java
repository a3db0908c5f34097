package io.laas.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Schema version 1: a posted transaction was reversed by a new mirror transaction ({@code transaction_id}) whose
 * postings swap every debit and credit of the original ({@code reversed_transaction_id}).
 */
public record TransactionReversed(UUID transactionId, UUID reversedTransactionId, String description,
		Map<String, String> metadata, List<Posting> postings) implements LedgerEvent {

	public TransactionReversed {
		Objects.requireNonNull(transactionId, "transaction_id");
		Objects.requireNonNull(reversedTransactionId, "reversed_transaction_id");
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
