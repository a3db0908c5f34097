package io.laas.command.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Balance constraints enforced atomically at posting time on the write side (never on the eventually consistent
 * read model). Pending amounts count against them, so a reservation cannot be spent twice.
 */
public enum AccountFlag {

	/** debits_posted + debits_pending must stay ≤ credits_posted (a wallet that must not go below zero). */
	DEBITS_MUST_NOT_EXCEED_CREDITS,

	/** credits_posted + credits_pending must stay ≤ debits_posted (an asset that must not go below zero). */
	CREDITS_MUST_NOT_EXCEED_DEBITS;

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AccountFlag> fromWire(String value) {
		return Arrays.stream(values()).filter(f -> f.wire().equals(value)).findFirst();
	}

}
