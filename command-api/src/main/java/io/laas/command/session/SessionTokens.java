package io.laas.command.session;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies session JWTs. Only HS256 with our key verifies: an unsigned ({@code alg: none}) or
 * otherwise-signed token, an expired or not-yet-valid one, all fail the same way.
 */
@Component
public class SessionTokens {

	private static final SecureRandom random = new SecureRandom();

	private static final String ISSUER = "laas";

	private final SecretKey key;

	private final Duration ttl;

	private final Clock clock;

	public SessionTokens(SessionSettings settings) {
		this.key = Keys.hmacShaKeyFor(settings.jwtSecret().getBytes(StandardCharsets.UTF_8));
		this.ttl = Duration.ofMinutes(settings.sessionTtlMinutes());
		this.clock = Clock.systemUTC();
	}

	public record Issued(String jwt, String xsrfToken, Instant expiresAt) {
	}

	public record Session(UUID userId, String email, String xsrfToken) {
	}

	public Issued issue(UUID userId, String email) {
		byte[] xsrf = new byte[24];
		random.nextBytes(xsrf);
		String xsrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(xsrf);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(ttl);
		String jwt = Jwts.builder()
			.issuer(ISSUER)
			.subject(userId.toString())
			.claim("email", email)
			.claim("xsrf", xsrfToken)
			.issuedAt(Date.from(now))
			.notBefore(Date.from(now))
			.expiration(Date.from(expiresAt))
			.signWith(key, Jwts.SIG.HS256)
			.compact();
		return new Issued(jwt, xsrfToken, expiresAt);
	}

	public Optional<Session> verify(String jwt) {
		try {
			Claims claims = Jwts.parser()
				.verifyWith(key)
				.requireIssuer(ISSUER)
				.clock(() -> Date.from(clock.instant()))
				.build()
				.parseSignedClaims(jwt)
				.getPayload();
			return Optional.of(new Session(UUID.fromString(claims.getSubject()), claims.get("email", String.class),
					claims.get("xsrf", String.class)));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
