package io.laas.command.report;

import java.time.Instant;

import io.laas.command.ledger.Balances;
import io.laas.command.ledger.Money;
import io.laas.events.Direction;

/**
 * An account's balances now or at an effective time. {@code balance} is on the account's normal side (debit for
 * assets and expenses, credit for the others): {@code posted}, {@code pending} (net reservations of pending
 * transactions: positive when they would raise the balance) and {@code available} (posted less every reservation
 * that would lower it), with the four totals they derive from.
 */
public record AccountBalance(String accountCode, String currency, String type, String normalSide, Instant asOf,
		long asOfSequence, Balance balance, String debitsPosted, String creditsPosted, String debitsPending,
		String creditsPending) {

	public record Balance(String posted, String pending, String available) {
	}

	/** @param asOf null for "now" */
	static AccountBalance of(AccountTotals account, Instant asOf, long asOfSequence) {
		Balances b = account.totals();
		Direction side = account.normalSide();
		String c = account.currency();
		return new AccountBalance(account.code(), c, account.type().wire(), side.wire(), asOf, asOfSequence,
				new Balance(Money.format(b.posted(side), c), Money.format(b.pending(side), c),
						Money.format(b.available(side), c)),
				Money.format(b.debitsPosted(), c), Money.format(b.creditsPosted(), c), Money.format(b.debitsPending(), c),
				Money.format(b.creditsPending(), c));
	}

}
