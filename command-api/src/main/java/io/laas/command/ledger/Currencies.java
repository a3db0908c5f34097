package io.laas.command.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;

/** ISO 4217 currencies and their minor units (USD 2, JPY 0, BHD 3), from the JDK's own ISO 4217 table. */
public final class Currencies {

	private Currencies() {
	}

	/** @return true for an upper-case ISO 4217 code with defined minor units */
	public static boolean isKnown(String code) {
		return lookup(code).isPresent();
	}

	public static int scale(String code) {
		return lookup(code).orElseThrow(() -> new IllegalArgumentException("unknown currency " + code))
			.getDefaultFractionDigits();
	}

	/**
	 * The amount with the currency's exact scale, or empty when that would need rounding ("100.5" in JPY).
	 */
	public static Optional<BigDecimal> scaled(BigDecimal amount, String code) {
		try {
			return Optional.of(amount.setScale(scale(code), RoundingMode.UNNECESSARY));
		}
		catch (ArithmeticException e) {
			return Optional.empty();
		}
	}

	/** {@code [A-Z]{3}}, written out: {@code String.matches} compiles its pattern on every call. */
	public static boolean isUpperCaseCode(String code) {
		return code != null && code.length() == 3 && upper(code.charAt(0)) && upper(code.charAt(1))
				&& upper(code.charAt(2));
	}

	private static boolean upper(char c) {
		return c >= 'A' && c <= 'Z';
	}

	private static Optional<Currency> lookup(String code) {
		if (!isUpperCaseCode(code)) {
			return Optional.empty();
		}
		try {
			Currency currency = Currency.getInstance(code);
			return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

}
