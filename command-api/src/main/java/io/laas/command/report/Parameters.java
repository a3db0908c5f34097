package io.laas.command.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import io.laas.command.web.ApiProblem;

/** Query parameters of the read endpoints: RFC 3339 times, periods, and the answer's format. */
final class Parameters {

	private Parameters() {
	}

	/** @return the instant, or null when the parameter is absent or empty */
	static Instant instant(String text, String field) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			String hint = text.contains(" ") ? " (a '+' in a query string must be sent as %2B)" : "";
			throw ApiProblem.invalid(field, "must be an RFC 3339 timestamp such as 2026-11-24T10:15:30Z" + hint);
		}
	}

	/** Checks that a period is not inverted; both bounds may be null. */
	static void period(Instant from, Instant to) {
		if (from != null && to != null && to.isBefore(from)) {
			throw ApiProblem.invalid("to", "must not be before from");
		}
	}

	/**
	 * CSV when {@code format=csv}, or when there is no {@code format} and the client's most preferred media type is
	 * {@code text/csv}; JSON otherwise.
	 */
	static boolean csv(String format, String accept) {
		if (format != null && !format.isEmpty()) {
			if ("csv".equals(format)) {
				return true;
			}
			if ("json".equals(format)) {
				return false;
			}
			throw ApiProblem.invalid("format", "must be 'json' or 'csv'");
		}
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = new ArrayList<>(MediaType.parseMediaTypes(accept));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
		for (MediaType type : types) {
			if (type.getQualityValue() == 0) {
				continue;
			}
			if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
				return true;
			}
			if (!type.isWildcardType() || !type.isWildcardSubtype()) {
				return false;
			}
		}
		return false;
	}

}
