package io.laas.command.report;

import java.util.Objects;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;
import io.laas.events.Direction;

/**
 * One account of the read model with its four totals over some span of effective time (now, up to an
 * {@code as_of}, or within a period).
 */
record AccountTotals(String code, String name, AccountType type, String currency, String parentCode,
		Balances totals) {

	AccountTotals {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(currency, "currency");
		Objects.requireNonNull(totals, "totals");
	}

	Direction normalSide() {
		return type.normalSide();
	}

	static Balances plus(Balances a, Balances b) {
		return new Balances(a.debitsPosted().add(b.debitsPosted()), a.creditsPosted().add(b.creditsPosted()),
				a.debitsPending().add(b.debitsPending()), a.creditsPending().add(b.creditsPending()));
	}

}
