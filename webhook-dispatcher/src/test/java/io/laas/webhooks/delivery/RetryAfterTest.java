package io.laas.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

	private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

	private static final Duration MAX = Duration.ofHours(10);

	@Test
	void parse_readsDelaySeconds() {
		assertThat(RetryAfter.parse("120", NOW, MAX)).contains(Duration.ofMinutes(2));
		assertThat(RetryAfter.parse(" 0 ", NOW, MAX)).contains(Duration.ZERO);
	}

	@Test
	void parse_readsAnHttpDate() {
		assertThat(RetryAfter.parse("Sat, 01 Mar 2025 12:05:00 GMT", NOW, MAX)).contains(Duration.ofMinutes(5));
	}

	@Test
	void parse_treatsADateInThePastAsNow() {
		assertThat(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", NOW, MAX)).contains(Duration.ZERO);
	}

	@Test
	void parse_capsTheDelay() {
		assertThat(RetryAfter.parse("86400", NOW, MAX)).contains(MAX);
		assertThat(RetryAfter.parse("99999999999999999999", NOW, MAX)).contains(MAX);
	}

	@Test
	void parse_ignoresWhatItCannotRead() {
		assertThat(RetryAfter.parse(null, NOW, MAX)).isEmpty();
		assertThat(RetryAfter.parse("", NOW, MAX)).isEmpty();
		assertThat(RetryAfter.parse("soon", NOW, MAX)).isEmpty();
		assertThat(RetryAfter.parse("-5", NOW, MAX)).isEmpty();
		assertThat(RetryAfter.parse("1.5", NOW, MAX)).isEmpty();
	}

}
