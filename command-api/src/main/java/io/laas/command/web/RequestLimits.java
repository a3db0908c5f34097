package io.laas.command.web;

import java.util.Map;

/** Limits on everything a client can send, checked at the edge before any command exists. */
public final class RequestLimits {

	public static final int METADATA_ENTRIES_MAX = 50;

	public static final int METADATA_KEY_LENGTH_MAX = 64;

	public static final int METADATA_VALUE_LENGTH_MAX = 512;

	public static final int NAME_LENGTH_MAX = 256;

	public static final int DESCRIPTION_LENGTH_MAX = 1024;

	public static final int EXTERNAL_ID_LENGTH_MAX = 255;

	public static final int POSTINGS_PER_TRANSACTION_MAX = 100;

	public static final int TRANSACTIONS_PER_BATCH_MAX = 1000;

	private RequestLimits() {
	}

	public static Map<String, String> metadata(Map<String, String> metadata, String field) {
		if (metadata == null) {
			return Map.of();
		}
		if (metadata.size() > METADATA_ENTRIES_MAX) {
			throw ApiProblem.invalid(field, "has more than " + METADATA_ENTRIES_MAX + " entries");
		}
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			if (entry.getKey().isEmpty() || entry.getKey().length() > METADATA_KEY_LENGTH_MAX) {
				throw ApiProblem.invalid(field, "keys must be 1 to " + METADATA_KEY_LENGTH_MAX + " characters");
			}
			if (entry.getValue() == null || entry.getValue().length() > METADATA_VALUE_LENGTH_MAX) {
				throw ApiProblem.invalid(field + "." + entry.getKey(),
						"must be a string of at most " + METADATA_VALUE_LENGTH_MAX + " characters");
			}
		}
		return metadata;
	}

	public static String text(String value, String field, int lengthMax, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				throw ApiProblem.invalid(field, "is required");
			}
			return null;
		}
		if (value.length() > lengthMax) {
			throw ApiProblem.invalid(field, "must be at most " + lengthMax + " characters");
		}
		return value;
	}

	/** Earliest time a request may name: effective dates of a ledger start here. */
	public static final java.time.Instant TIMESTAMP_MIN = java.time.Instant.parse("1900-01-01T00:00:00Z");

	/** First time a request may no longer name: four-digit years only. */
	public static final java.time.Instant TIMESTAMP_END = java.time.Instant.parse("+10000-01-01T00:00:00Z");

	/**
	 * An RFC 3339 timestamp from a request, or null when absent; a malformed one, or one outside the years 1900 to
	 * 9999, is a 400 naming the field. The range matters beyond taste: year 0 parses in Java but is not a year in
	 * PostgreSQL's text format, so such an event would be accepted here and stop the projector downstream.
	 */
	public static java.time.Instant timestamp(String text, String field) {
		if (text == null) {
			return null;
		}
		java.time.Instant instant;
		try {
			instant = java.time.OffsetDateTime.parse(text).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ApiProblem.invalid(field, "must be an RFC 3339 timestamp such as 2026-11-24T10:15:30Z");
		}
		if (instant.isBefore(TIMESTAMP_MIN) || !instant.isBefore(TIMESTAMP_END)) {
			throw ApiProblem.invalid(field, "must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
		}
		return instant;
	}

	public static <T> T required(T value, String field) {
		if (value == null) {
			throw ApiProblem.invalid(field, "is required");
		}
		return value;
	}

}
