package io.laas.command.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes raw keys and their stored form. HMAC with a server secret, not a bare hash: a stolen {@code api_keys}
 * table alone does not let anyone test guesses offline.
 */
@Component
public class ApiKeyHasher {

	/** Raw keys start with this, so that secret scanners and people recognise them. */
	public static final String RAW_PREFIX = "sk_live_";

	static final int PREFIX_LENGTH = RAW_PREFIX.length() + 6;

	private static final int SECRET_BYTES_MIN = 32;

	/** A random secret of 32+ bytes has dozens of distinct characters; 'password' repeated has 7. */
	private static final int SECRET_DISTINCT_CHARACTERS_MIN = 10;

	private static final SecureRandom random = new SecureRandom();

	/** @param hmacSecret at least 32 bytes (256 bits) of secret, from configuration */
	@ConfigurationProperties("laas.api-keys")
	public record Settings(String hmacSecret) {

		public Settings {
			if (hmacSecret == null || hmacSecret.getBytes(StandardCharsets.UTF_8).length < SECRET_BYTES_MIN
					|| hmacSecret.chars().distinct().count() < SECRET_DISTINCT_CHARACTERS_MIN) {
				throw new IllegalArgumentException("laas.api-keys.hmac-secret (env LAAS_API_KEY_SECRET) must be set "
						+ "to at least " + SECRET_BYTES_MIN + " bytes of random secret, e.g. `openssl rand -base64 48`; "
						+ "short or repetitive values are refused");
			}
		}

	}

	private final SecretKeySpec key;

	public ApiKeyHasher(Settings settings) {
		this.key = new SecretKeySpec(settings.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** One Mac per thread: creating and keying one per request showed up in profiles of the posting path. */
	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	public String hash(String rawKey) {
		return HexFormat.of().formatHex(macs.get().doFinal(rawKey.getBytes(StandardCharsets.UTF_8)));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** 32 random bytes, URL-safe base64: 256 bits that nobody guesses. */
	public static String newRawKey() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return RAW_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String prefixOf(String rawKey) {
		return rawKey.substring(0, Math.min(PREFIX_LENGTH, rawKey.length()));
	}

}
