package io.laas.command.ledger;


/** A client-chosen account code, unique in its ledger: letters, digits and {@code _ - . :}, 1 to 128 chars. */
public record AccountCode(String value) implements Comparable<AccountCode> {

	public static final int LENGTH_MAX = 128;

	public AccountCode {
		if (!isValid(value)) {
			throw new IllegalArgumentException("must be 1 to " + LENGTH_MAX
					+ " characters: letters, digits, '_', '-', '.', ':' (starting with a letter or digit)");
		}
	}

	/** {@code [A-Za-z0-9][A-Za-z0-9_\-.:]{0,127}} written out: codes are checked several times per posting. */
	public static boolean isValid(String value) {
		if (value == null || value.isEmpty() || value.length() > LENGTH_MAX || !alphanumeric(value.charAt(0))) {
			return false;
		}
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!alphanumeric(c) && c != '_' && c != '-' && c != '.' && c != ':') {
				return false;
			}
		}
		return true;
	}

	private static boolean alphanumeric(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
