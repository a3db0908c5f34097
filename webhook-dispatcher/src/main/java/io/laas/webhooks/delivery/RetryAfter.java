package io.laas.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The {@code Retry-After} header of a 429 or 503 (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {

	private static final int DIGITS_MAX = 10;

	private RetryAfter() {
	}

	/**
	 * @return the delay the receiver asked for, never negative, capped at {@code max}; empty if the header is
	 * missing or unreadable
	 */
	public static Optional<Duration> parse(String header, Instant now, Duration max) {
		if (header == null) {
			return Optional.empty();
		}
		String value = header.trim();
		if (value.isEmpty()) {
			return Optional.empty();
		}
		Duration delay;
		if (value.chars().allMatch(Character::isDigit)) {
			if (value.length() > DIGITS_MAX) {
				return Optional.of(max);
			}
			delay = Duration.ofSeconds(Long.parseLong(value));
		}
		else {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				delay = Duration.between(now, at);
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}
		if (delay.isNegative()) {
			delay = Duration.ZERO;
		}
		return Optional.of((delay.compareTo(max) > 0) ? max : delay);
	}

}
