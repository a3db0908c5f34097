package io.laas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Side of a posting. Lower-case on the wire. */
public enum Direction {

	DEBIT, CREDIT;

	@JsonValue
	public String wire() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	@JsonCreator
	public static Direction fromWire(String value) {
		if (value == null) {
			throw new IllegalArgumentException("direction is required");
		}
		return switch (value.toLowerCase(java.util.Locale.ROOT)) {
			case "debit" -> DEBIT;
			case "credit" -> CREDIT;
			default -> throw new IllegalArgumentException("direction must be 'debit' or 'credit', got '" + value + "'");
		};
	}

}
