package io.laas.webhooks.signing;

import java.util.Base64;

/**
 * An endpoint's signing key: {@code whsec_} followed by the base64 of the key bytes, as Standard Webhooks
 * libraries expect it. Like the reference libraries, the prefix is optional when parsing. Never printed.
 */
public final class WebhookSecret {

	public static final String PREFIX = "whsec_";

	private final byte[] key;

	private WebhookSecret(byte[] key) {
		this.key = key;
	}

	/**
	 * @throws IllegalArgumentException if the text is not (whsec_)base64 of at least one byte. How long a new key
	 * must be is the business of whoever creates it (command-api); the dispatcher signs with what is stored.
	 */
	public static WebhookSecret parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("webhook secret is missing");
		}
		String encoded = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			// The message must not echo the secret.
			throw new IllegalArgumentException("webhook secret is not " + PREFIX + "<base64>");
		}
		if (key.length == 0) {
			throw new IllegalArgumentException("webhook secret is empty");
		}
		return new WebhookSecret(key);
	}

	byte[] key() {
		return this.key.clone();
	}

	@Override
	public String toString() {
		return "WebhookSecret[redacted]";
	}

}
