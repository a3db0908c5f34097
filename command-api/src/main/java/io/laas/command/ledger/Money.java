package io.laas.command.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact, positive amount as clients send it: a decimal string with at most {@link #DIGITS_MAX} significant
 * digits before the point and never an exponent, sign or floating-point value. The currency's scale is applied
 * later, where the currency is known ({@link Currencies#scaled}).
 */
public final class Money {

	/** Largest integer part accepted: 10^15 − 1 major units (a quadrillion), far above any real transfer. */
	public static final int DIGITS_MAX = 15;

	/** Longest fraction accepted before the currency check (trailing zeros beyond the currency's scale pass). */
	public static final int FRACTION_DIGITS_MAX = 18;

	private Money() {
	}

	/**
	 * @return the amount, exactly as written
	 * @throws IllegalArgumentException with a sentence a person can act on
	 */
	public static BigDecimal parsePositive(String text) {
		Objects.requireNonNull(text, "amount");
		if (!decimal(text)) {
			throw new IllegalArgumentException(
					"must be a positive decimal string such as \"100.00\" (no sign, exponent or spaces)");
		}
		int point = text.indexOf('.');
		int integerDigits = point < 0 ? text.length() : point;
		int fractionDigits = point < 0 ? 0 : text.length() - point - 1;
		if (integerDigits > DIGITS_MAX) {
			throw new IllegalArgumentException("must be less than 10^" + DIGITS_MAX);
		}
		if (fractionDigits > FRACTION_DIGITS_MAX) {
			throw new IllegalArgumentException("has more than " + FRACTION_DIGITS_MAX + " decimal places");
		}
		BigDecimal value = new BigDecimal(text);
		if (value.signum() <= 0) {
			throw new IllegalArgumentException("must be greater than zero");
		}
		return value;
	}

	/** {@code (0|[1-9][0-9]*)(\.[0-9]+)?} written out (no regex per posting). */
	static boolean decimal(String text) {
		int length = text.length();
		int i = 0;
		while (i < length && digit(text.charAt(i))) {
			i++;
		}
		if (i == 0 || (i > 1 && text.charAt(0) == '0')) {
			return false;
		}
		if (i == length) {
			return true;
		}
		if (text.charAt(i) != '.' || i + 1 == length) {
			return false;
		}
		for (int j = i + 1; j < length; j++) {
			if (!digit(text.charAt(j))) {
				return false;
			}
		}
		return true;
	}

	private static boolean digit(char c) {
		return c >= '0' && c <= '9';
	}

	/** The canonical wire form: plain digits with the currency's scale. */
	public static String format(BigDecimal amount, String currency) {
		return amount.setScale(Currencies.scale(currency), RoundingMode.UNNECESSARY).toPlainString();
	}

}
