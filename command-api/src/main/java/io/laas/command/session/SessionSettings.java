package io.laas.command.session;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwtSecret HS256 key, at least 256 bits; there is no default (./laas up generates one for the dev stack)
 * @param sessionTtlMinutes lifetime of a session token
 * @param secureCookies whether cookies carry the Secure attribute (on behind HTTPS, off for http://127.0.0.1)
 */
@ConfigurationProperties("laas.auth")
public record SessionSettings(String jwtSecret, Integer sessionTtlMinutes, Boolean secureCookies) {

	static final int SECRET_BYTES_MIN = 32;

	/** A random secret of 32+ bytes has dozens of distinct characters; 'changeme' repeated has 7. */
	static final int SECRET_DISTINCT_CHARACTERS_MIN = 10;

	public SessionSettings {
		if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < SECRET_BYTES_MIN
				|| jwtSecret.chars().distinct().count() < SECRET_DISTINCT_CHARACTERS_MIN) {
			throw new IllegalArgumentException("laas.auth.jwt-secret (env LAAS_JWT_SECRET) must be set to at least "
					+ SECRET_BYTES_MIN + " bytes (256 bits) of random secret, e.g. `openssl rand -base64 48`; "
					+ "short or repetitive values such as 'changemechangeme…' are refused");
		}
		sessionTtlMinutes = sessionTtlMinutes == null ? 60 : sessionTtlMinutes;
		secureCookies = secureCookies != null && secureCookies;
		if (sessionTtlMinutes < 1 || sessionTtlMinutes > 24 * 60) {
			throw new IllegalArgumentException("laas.auth.session-ttl-minutes must be 1 to 1440");
		}
	}

}
