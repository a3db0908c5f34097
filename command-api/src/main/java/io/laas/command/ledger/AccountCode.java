package io.laas.command.ledger;

import java.util.regex.Pattern;

/** A client-chosen account code, unique in its ledger: letters, digits and {@code _ - . :}, 1 to 128 chars. */
public record AccountCode(String value) implements Comparable<AccountCode> {

	public static final int LENGTH_MAX = 128;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-.:]{0," + (LENGTH_MAX - 1) + "}");

	public AccountCode {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new IllegalArgumentException("must be 1 to " + LENGTH_MAX
					+ " characters: letters, digits, '_', '-', '.', ':' (starting with a letter or digit)");
		}
	}

	public static boolean isValid(String value) {
		return value != null && VALID.matcher(value).matches();
	}

	@Override
	public int compareTo(AccountCode other) {
		return value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return value;
	}

}
