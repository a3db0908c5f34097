package com.example.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies LaaS webhooks (Standard Webhooks, v1 = HMAC-SHA256) with the JDK only. */
public final class LaasWebhookVerifier {

	/** Requests signed longer ago (or further ahead) than this are refused: a captured request cannot be replayed. */
	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final byte[] key;

	private final Clock clock;

	/** @param secret the endpoint's signing secret, {@code whsec_...} */
	public LaasWebhookVerifier(String secret) {
		this(secret, Clock.systemUTC());
	}

	public LaasWebhookVerifier(String secret, Clock clock) {
		String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
		this.key = Base64.getDecoder().decode(base64);
		this.clock = clock;
	}

	/**
	 * @param webhookId the {@code webhook-id} header
	 * @param webhookTimestamp the {@code webhook-timestamp} header (unix seconds)
	 * @param webhookSignature the {@code webhook-signature} header: one or more {@code v1,<base64>}, space-separated
	 * @param body the raw request body, byte for byte as received: verify before parsing the JSON
	 * @return true if LaaS signed exactly this request recently; otherwise answer 401 and do nothing
	 */
	public boolean verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
		if (webhookId == null || webhookTimestamp == null || webhookSignature == null) {
			return false;
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(webhookTimestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - timestamp) > TOLERANCE.toSeconds()) {
			return false;
		}
		byte[] expected = hmacSha256((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
		boolean valid = false;
		// During a secret rotation the header carries two signatures (new secret, old secret): any one will do.
		for (String signature : webhookSignature.split(" ")) {
			if (!signature.startsWith("v1,")) {
				continue;
			}
			byte[] given;
			try {
				given = Base64.getDecoder().decode(signature.substring("v1,".length()));
			}
			catch (IllegalArgumentException ex) {
				continue;
			}
			// Constant-time comparison: the time taken says nothing about how many bytes matched.
			valid |= MessageDigest.isEqual(expected, given);
		}
		return valid;
	}

	private byte[] hmacSha256(byte[] signedPrefix, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update(signedPrefix);
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
