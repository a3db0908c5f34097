package io.laas.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Schema version 1: a pending transaction was posted. {@code released_postings} are the reserved amounts that
 * leave the pending balances; {@code postings} are the amounts that enter the posted balances (equal, or smaller
 * for a partial post). The event carries both so that a consumer needs no state to apply it.
 */
public record TransactionPostedFromPending(UUID transactionId, List<Posting> postings,
		List<Posting> releasedPostings) implements LedgerEvent {

	public TransactionPostedFromPending {
		Objects.requireNonNull(transactionId, "transaction_id");
		postings = Postings.requireBalanced(postings);
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
