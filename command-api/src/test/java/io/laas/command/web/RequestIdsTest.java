package io.laas.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

	private static final Pattern SAFE = Pattern.compile(RequestIds.PATTERN_TEXT);

	@Test
	void safeCheck_acceptsExactlyThePatternOfLoggableIds() {
		for (String id : List.of("", "a", "req-1.2:3_4", "a b", "a\"b", "a{b}", "\u00e9", "x".repeat(64),
				"x".repeat(65))) {
			assertThat(RequestIds.safe(id)).as(id).isEqualTo(SAFE.matcher(id).matches());
		}
		Random random = new Random(7);
		String alphabet = "aZ09._:-/ \"{}\u00e9";
		for (int n = 0; n < 100_000; n++) {
			StringBuilder id = new StringBuilder();
			int length = random.nextInt(6);
			for (int i = 0; i < length; i++) {
				id.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(RequestIds.safe(id.toString())).as(id.toString()).isEqualTo(SAFE.matcher(id).matches());
		}
		assertThat(RequestIds.safe(null)).isFalse();
	}

	@Test
	void accept_keepsASafeId_andReplacesAnUnsafeOneWithAFreshUuid() {
		assertThat(RequestIds.accept("trace-42")).isEqualTo("trace-42");
		String fresh = RequestIds.accept("not safe");
		assertThat(UUID.fromString(fresh).toString()).isEqualTo(fresh);
		assertThat(RequestIds.accept(null)).isNotEqualTo(RequestIds.accept(null));
	}

}
