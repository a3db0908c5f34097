package io.laas.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: {@code v1,} + base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")).
 * A {@code webhook-signature} header holds one or more of them separated by spaces (one per valid secret during a
 * rotation); a receiver accepts the request if any one matches.
 */
public final class WebhookSignatures {

	public static final String VERSION_PREFIX = "v1,";

	private static final String ALGORITHM = "HmacSHA256";

	/** One Mac per thread, re-keyed per signature: looking up the provider's implementation costs more than init. */
	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance(ALGORITHM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	});

	private WebhookSignatures() {
	}

	/** One signature, {@code v1,<base64>}. */
	public static String sign(WebhookSecret secret, String webhookId, long timestampSeconds, byte[] body) {
		return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac(secret, webhookId, timestampSeconds, body));
	}

	/** The {@code webhook-signature} header value: one signature per secret, space-separated, in the given order. */
	public static String header(List<WebhookSecret> secrets, String webhookId, long timestampSeconds, byte[] body) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("at least one secret is needed to sign");
		}
		return secrets.stream()
			.map((secret) -> sign(secret, webhookId, timestampSeconds, body))
			.collect(Collectors.joining(" "));
	}

	/**
	 * What a receiver does: true if any {@code v1} signature in the header matches, compared in constant time.
	 * Checking that the timestamp is recent (replay protection) is the caller's job.
	 */
	public static boolean verify(WebhookSecret secret, String header, String webhookId, long timestampSeconds,
			byte[] body) {
		if (header == null || header.isBlank()) {
			return false;
		}
		byte[] expected = mac(secret, webhookId, timestampSeconds, body);
		boolean matched = false;
		for (String candidate : header.trim().split(" +")) {
			if (!candidate.startsWith(VERSION_PREFIX)) {
				continue;
			}
			byte[] given;
			try {
				given = Base64.getDecoder().decode(candidate.substring(VERSION_PREFIX.length()));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			// No early exit: the time taken does not depend on which candidate matched.
			matched |= MessageDigest.isEqual(expected, given);
		}
		return matched;
	}

	private static byte[] mac(WebhookSecret secret, String webhookId, long timestampSeconds, byte[] body) {
		try {
			Mac mac = MACS.get();
			mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
			mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is mandatory in every Java platform: this is a broken JVM, not a bad input.
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
