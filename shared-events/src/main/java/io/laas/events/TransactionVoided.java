package io.laas.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Schema version 1: a pending transaction was voided, by request ({@code reason = "voided"}) or because it
 * expired ({@code reason = "expired"}). {@code released_postings} leave the pending balances.
 */
public record TransactionVoided(UUID transactionId, String reason, List<Posting> releasedPostings)
		implements LedgerEvent {

	public TransactionVoided {
		Objects.requireNonNull(transactionId, "transaction_id");
		Objects.requireNonNull(reason, "reason");
		releasedPostings = Postings.requireBalanced(releasedPostings);
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
