package io.laas.projector.support;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.AccountCreated;
import io.laas.events.Direction;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * A tiny, obviously-correct ledger the tests compare the read model against: one event at a time, four totals per
 * account, a status per transaction. Written apart from the projector's batch folding on purpose.
 */
public final class ReferenceLedger {

	/** The four totals of one account, as the read model stores them. */
	public record Totals(BigDecimal debitsPosted, BigDecimal creditsPosted, BigDecimal debitsPending,
			BigDecimal creditsPending) {

		static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	}

	private final Map<String, Totals> accounts = new HashMap<>();

	private final Map<UUID, String> statuses = new HashMap<>();

	private int postingRows;

	public void apply(LedgerEvent event) {
		if (event instanceof AccountCreated created) {
			this.accounts.put(created.code(), Totals.ZERO);
		}
		else if (event instanceof TransactionPosted posted) {
			move(posted.postings(), true, 1);
			this.statuses.put(posted.transactionId(), "posted");
		}
		else if (event instanceof TransactionPending pending) {
			move(pending.postings(), false, 1);
			this.statuses.put(pending.transactionId(), "pending");
		}
		else if (event instanceof TransactionPostedFromPending posted) {
			move(posted.releasedPostings(), false, -1);
			move(posted.postings(), true, 1);
			this.statuses.put(posted.transactionId(), "posted");
		}
		else if (event instanceof TransactionVoided voided) {
			move(voided.releasedPostings(), false, -1);
			this.statuses.put(voided.transactionId(), "voided");
		}
		else if (event instanceof TransactionReversed reversed) {
			move(reversed.postings(), true, 1);
			this.statuses.put(reversed.transactionId(), "posted");
			this.statuses.put(reversed.reversedTransactionId(), "reversed");
		}
	}

	public Map<String, Totals> accounts() {
		return this.accounts;
	}

	public Map<UUID, String> statuses() {
		return this.statuses;
	}

	public int postingRows() {
		return this.postingRows;
	}

	private void move(List<Posting> postings, boolean posted, int sign) {
		for (Posting posting : postings) {
			BigDecimal amount = (sign > 0) ? posting.amount() : posting.amount().negate();
			Totals t = this.accounts.get(posting.accountCode());
			boolean debit = posting.direction() == Direction.DEBIT;
			if (posted) {
				t = debit ? new Totals(t.debitsPosted().add(amount), t.creditsPosted(), t.debitsPending(), t.creditsPending())
						: new Totals(t.debitsPosted(), t.creditsPosted().add(amount), t.debitsPending(), t.creditsPending());
			}
			else {
				t = debit ? new Totals(t.debitsPosted(), t.creditsPosted(), t.debitsPending().add(amount), t.creditsPending())
						: new Totals(t.debitsPosted(), t.creditsPosted(), t.debitsPending(), t.creditsPending().add(amount));
			}
			this.accounts.put(posting.accountCode(), t);
			this.postingRows++;
		}
	}

}
