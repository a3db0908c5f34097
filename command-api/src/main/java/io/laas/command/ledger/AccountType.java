package io.laas.command.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.laas.events.Direction;

/**
 * The five account types and their normal side: assets and expenses grow with debits; liabilities, equity and
 * revenue grow with credits. A balance is shown on the normal side, so "debit cash 100, credit revenue 100"
 * shows cash 100.00 and revenue 100.00.
 */
public enum AccountType {

	ASSET(Direction.DEBIT), LIABILITY(Direction.CREDIT), EQUITY(Direction.CREDIT), REVENUE(Direction.CREDIT),
	EXPENSE(Direction.DEBIT);

	private final Direction normalSide;

	AccountType(Direction normalSide) {
		this.normalSide = normalSide;
	}

	public Direction normalSide() {
		return normalSide;
	}

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AccountType> fromWire(String value) {
		return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
	}

}
