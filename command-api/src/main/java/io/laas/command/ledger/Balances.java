package io.laas.command.ledger;

import java.math.BigDecimal;

import io.laas.events.Direction;

/**
 * The four running totals of an account, exact and never negative. Posted and pending are kept apart so that
 * reservations (pending transactions) count in constraints without being posted.
 */
public record Balances(BigDecimal debitsPosted, BigDecimal creditsPosted, BigDecimal debitsPending,
		BigDecimal creditsPending) {

	public static final Balances ZERO = new Balances(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
			BigDecimal.ZERO);

	public Balances {
		if (debitsPosted.signum() < 0 || creditsPosted.signum() < 0 || debitsPending.signum() < 0
				|| creditsPending.signum() < 0) {
			throw new IllegalStateException("balance totals are never negative: " + debitsPosted + "/" + creditsPosted
					+ "/" + debitsPending + "/" + creditsPending);
		}
	}

	public Balances post(Direction side, BigDecimal amount) {
		return side == Direction.DEBIT ? new Balances(debitsPosted.add(amount), creditsPosted, debitsPending, creditsPending)
				: new Balances(debitsPosted, creditsPosted.add(amount), debitsPending, creditsPending);
	}

	public Balances reserve(Direction side, BigDecimal amount) {
		return side == Direction.DEBIT ? new Balances(debitsPosted, creditsPosted, debitsPending.add(amount), creditsPending)
				: new Balances(debitsPosted, creditsPosted, debitsPending, creditsPending.add(amount));
	}

	public Balances release(Direction side, BigDecimal amount) {
		return side == Direction.DEBIT
				? new Balances(debitsPosted, creditsPosted, debitsPending.subtract(amount), creditsPending)
				: new Balances(debitsPosted, creditsPosted, debitsPending, creditsPending.subtract(amount));
	}

	/** Posted balance on the account's normal side. */
	public BigDecimal posted(Direction normalSide) {
		return normalSide == Direction.DEBIT ? debitsPosted.subtract(creditsPosted) : creditsPosted.subtract(debitsPosted);
	}

	/** Net pending movement on the normal side (positive: pending transactions would raise the balance). */
	public BigDecimal pending(Direction normalSide) {
		return normalSide == Direction.DEBIT ? debitsPending.subtract(creditsPending)
				: creditsPending.subtract(debitsPending);
	}

	/**
	 * What can be spent now: the posted balance less every pending amount that would lower it. Pending amounts
	 * that would raise it are not counted until posted.
	 */
	public BigDecimal available(Direction normalSide) {
		return normalSide == Direction.DEBIT ? debitsPosted.subtract(creditsPosted).subtract(creditsPending)
				: creditsPosted.subtract(debitsPosted).subtract(debitsPending);
	}

}
