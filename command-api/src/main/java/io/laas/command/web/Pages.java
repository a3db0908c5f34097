package io.laas.command.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Cursor pagination: {@code {data, next_cursor}}, with an opaque cursor and a bounded page size. */
public final class Pages {

	public static final int LIMIT_DEFAULT = 50;

	public static final int LIMIT_MAX = 200;

	private Pages() {
	}

	public static int limit(Integer requested) {
		if (requested == null) {
			return LIMIT_DEFAULT;
		}
		if (requested < 1 || requested > LIMIT_MAX) {
			throw ApiProblem.invalid("limit", "must be 1 to " + LIMIT_MAX);
		}
		return requested;
	}

	/** The position a cursor encodes, or null for the first page. */
	public static String position(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		String position;
		try {
			position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw notOurs();
		}
		if (position.indexOf('\u0000') >= 0) {
			throw notOurs(); // no column could hold it: the database would fail the query
		}
		return position;
	}

	/** The instant a cursor of a list ordered by time encodes (as its ISO-8601 text), or null for the first page. */
	public static String instantPosition(String cursor) {
		String position = position(cursor);
		if (position == null) {
			return null;
		}
		try {
			return java.time.Instant.parse(position).toString();
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw notOurs();
		}
	}

	private static ApiProblem notOurs() {
		return ApiProblem.invalid("cursor", "is not a cursor this API returned");
	}

	public static long longPosition(String cursor) {
		String position = position(cursor);
		if (position == null) {
			return Long.MAX_VALUE;
		}
		try {
			return Long.parseLong(position);
		}
		catch (NumberFormatException ex) {
			throw notOurs();
		}
	}

	/** A page of {@code limit} items, with a cursor to the next one when the page is full. */
	public static <T> Map<String, Object> of(List<T> items, int limit, Function<T, Object> positionOf) {
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("data", items);
		page.put("next_cursor", items.size() < limit ? null
				: Base64.getUrlEncoder().withoutPadding().encodeToString(
						String.valueOf(positionOf.apply(items.get(items.size() - 1))).getBytes(StandardCharsets.UTF_8)));
		return page;
	}

}
