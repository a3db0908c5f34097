package io.laas.command.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.laas.command.ledger.Money;
import io.laas.events.Direction;

/**
 * An account's posted movements within a period of effective time ({@code from} inclusive, {@code to} exclusive),
 * in occurred_at order (then ledger sequence): the opening balance (everything posted before {@code from}), one
 * entry per posting with the balance right after it, and the closing balance. Balances are on the account's
 * normal side. Pending reservations are not movements and do not appear.
 */
public record Statement(String accountCode, String currency, String type, String normalSide, Instant from,
		Instant to, long asOfSequence, String openingBalance, String totalDebits, String totalCredits,
		String closingBalance, List<Entry> entries) {

	public record Entry(UUID transactionId, long sequence, Instant occurredAt, String description, String direction,
			String amount, String runningBalance) {
	}

	/** A posted leg as read from the read model. */
	record Movement(UUID transactionId, long sequence, Instant occurredAt, String description, Direction direction,
			BigDecimal amount) {
	}

	/**
	 * @param openingDebits posted debits before {@code from} (zero without {@code from})
	 * @param openingCredits posted credits before {@code from}
	 */
	static Statement of(AccountTotals account, Instant from, Instant to, long asOfSequence, BigDecimal openingDebits,
			BigDecimal openingCredits, List<Movement> movements) {
		String c = account.currency();
		Direction side = account.normalSide();
		BigDecimal opening = side == Direction.DEBIT ? openingDebits.subtract(openingCredits)
				: openingCredits.subtract(openingDebits);
		BigDecimal running = opening;
		BigDecimal debits = BigDecimal.ZERO;
		BigDecimal credits = BigDecimal.ZERO;
		List<Entry> entries = new ArrayList<>(movements.size());
		for (Movement m : movements) {
			if (m.direction() == Direction.DEBIT) {
				debits = debits.add(m.amount());
			}
			else {
				credits = credits.add(m.amount());
			}
			running = m.direction() == side ? running.add(m.amount()) : running.subtract(m.amount());
			entries.add(new Entry(m.transactionId(), m.sequence(), m.occurredAt(), m.description(), m.direction().wire(),
					Money.format(m.amount(), c), Money.format(running, c)));
		}
		BigDecimal closing = side == Direction.DEBIT ? opening.add(debits).subtract(credits)
				: opening.add(credits).subtract(debits);
		if (closing.compareTo(running) != 0) {
			throw new IllegalStateException("statement of " + account.code() + ": closing balance " + closing
					+ " differs from the last running balance " + running);
		}
		return new Statement(account.code(), c, account.type().wire(), side.wire(), from, to, asOfSequence,
				Money.format(opening, c), Money.format(debits, c), Money.format(credits, c), Money.format(closing, c),
				entries);
	}

}
