package io.laas.command.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The format checks on the posting path are written out by hand (no regex per request); each must accept exactly
 * what its documented pattern accepts. Compared on edge cases and on 200,000 random strings over an alphabet that
 * mixes allowed and refused characters.
 */
class HandWrittenChecksTest {

	private static final String ALPHABET = "0123456789.AZaz_-:/ +e\u00e9\u0660Zx";

	@Test
	void decimalCheck_acceptsExactlyThePatternOfPositiveDecimalStrings() {
		Pattern pattern = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
		for (String text : List.of("", "0", "00", "01", "10", "0.", ".5", "0.5", "1.", "1.00", "1..0", "1.0.0", "-1",
				"+1", "1e5", " 1", "1 ", "\u0661", "100000000000000000000.123")) {
			assertThat(Money.decimal(text)).as(text).isEqualTo(pattern.matcher(text).matches());
		}
		compareOnRandomStrings(pattern, Money::decimal, "0123456789.", 12);
	}

	@Test
	void accountCodeCheck_acceptsExactlyItsPattern() {
		Pattern pattern = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-.:]{0,127}");
		for (String text : List.of("", "a", "_a", "-a", ".a", ":a", "a_b-c.d:e", "acc-0001", "a b", "a/b", "\u00e9",
				"a".repeat(128), "a".repeat(129))) {
			assertThat(AccountCode.isValid(text)).as(text).isEqualTo(pattern.matcher(text).matches());
		}
		compareOnRandomStrings(pattern, AccountCode::isValid, ALPHABET, 8);
		assertThat(AccountCode.isValid(null)).isFalse();
	}

	@Test
	void currencyCodeCheck_acceptsExactlyThreeUpperCaseLetters() {
		Pattern pattern = Pattern.compile("[A-Z]{3}");
		for (String text : List.of("", "USD", "usd", "US", "USDD", "U5D", "@AB", "AB[", "\u00c9UR")) {
			assertThat(Currencies.isUpperCaseCode(text)).as(text).isEqualTo(pattern.matcher(text).matches());
		}
		compareOnRandomStrings(pattern, Currencies::isUpperCaseCode, "AZMQaz@[09 ", 4);
		assertThat(Currencies.isUpperCaseCode(null)).isFalse();
		assertThat(Currencies.isKnown("USD")).isTrue();
		assertThat(Currencies.isKnown("usd")).isFalse();
		assertThat(Currencies.scale("JPY")).isZero();
	}

	static void compareOnRandomStrings(Pattern pattern, java.util.function.Predicate<String> check, String alphabet,
			int lengthMax) {
		Random random = new Random(20261125L);
		int accepted = 0;
		for (int n = 0; n < 200_000; n++) {
			int length = random.nextInt(lengthMax + 1);
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < length; i++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			boolean expected = pattern.matcher(text).matches();
			assertThat(check.test(text.toString())).as(text.toString()).isEqualTo(expected);
			accepted += expected ? 1 : 0;
		}
		// Both answers occur, or the comparison proves nothing.
		assertThat(accepted).isBetween(1, 199_999);
	}

}
