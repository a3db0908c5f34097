package io.laas.command.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;

/**
 * The fingerprint an idempotency key is bound to: the route and the parsed body, re-serialised, so that the same
 * request with other whitespace or field order still counts as the same request.
 */
public final class RequestDigest {

	private RequestDigest() {
	}

	public static String of(JsonMapper json, String route, Object body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(route.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(json.writeValueAsBytes(body));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/** The key from the body or the Idempotency-Key header; both given must agree. */
	public static String idempotencyKey(String fromBody, String fromHeader) {
		if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
			throw ApiProblem.invalid("idempotency_key", "differs from the Idempotency-Key header");
		}
		String key = fromBody != null ? fromBody : fromHeader;
		if (key != null && (key.isBlank() || key.length() > 255)) {
			throw ApiProblem.invalid("idempotency_key", "must be 1 to 255 characters");
		}
		return key;
	}

}
