package io.laas.command.ledger;

import java.util.Locale;

public enum TransactionStatus {

	POSTED, PENDING, VOIDED, EXPIRED, REVERSED;

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TransactionStatus fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
