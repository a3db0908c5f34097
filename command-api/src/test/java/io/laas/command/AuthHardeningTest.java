package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.laas.command.apikey.ApiKeyHasher;
import io.laas.command.session.SessionSettings;
import io.laas.command.session.SessionTokens;

import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What DashboardSessionApiTest (unsigned and tampered sessions) and TransactionPostingApiTest (missing, unknown and
 * read-only keys) leave out: session JWTs signed with another key, expired, not yet valid, from another issuer or
 * naming no user; API keys expired, malformed or presented in the wrong place; and the start-up refusal of weak
 * secrets. Every refusal is the same 401 problem, so that none of them tells an attacker which check failed.
 */
class AuthHardeningTest extends ApiTestSupport {

	@Autowired
	SessionTokens sessions;

	@Value("${laas.auth.jwt-secret}")
	String jwtSecret;

	// --- session JWTs ---

	@Test
	void sessionJwt_signedWithAnotherKey_is401() {
		String forged = session(Keys.hmacShaKeyFor("another-secret-of-at-least-thirty-two-bytes!".getBytes(
				StandardCharsets.UTF_8)), "laas", Instant.now(), Instant.now().plusSeconds(600), owner());
		assertRefused(forged);
	}

	@Test
	void sessionJwt_expired_is401_evenWithTheRightKey() {
		assertRefused(session(ourKey(), "laas", Instant.now().minusSeconds(7200), Instant.now().minusSeconds(5), owner()));
	}

	@Test
	void sessionJwt_notYetValid_is401_evenWithTheRightKey() {
		String early = Jwts.builder()
			.issuer("laas")
			.subject(owner().toString())
			.claim("xsrf", "x")
			.issuedAt(new Date())
			.notBefore(Date.from(Instant.now().plusSeconds(3600)))
			.expiration(Date.from(Instant.now().plusSeconds(7200)))
			.signWith(ourKey(), Jwts.SIG.HS256)
			.compact();
		assertRefused(early);
	}

	@Test
	void sessionJwt_fromAnotherIssuer_orNamingNoUser_is401() {
		assertRefused(session(ourKey(), "someone-else", Instant.now(), Instant.now().plusSeconds(600), owner()));
		String noUser = Jwts.builder()
			.issuer("laas")
			.subject("admin")
			.claim("xsrf", "x")
			.expiration(Date.from(Instant.now().plusSeconds(600)))
			.signWith(ourKey(), Jwts.SIG.HS256)
			.compact();
		assertRefused(noUser);
	}

	@Test
	void sessionJwt_asBearerOnV1_andApiKey_asSessionCookie_areRefused() {
		SessionTokens.Issued session = sessions.issue(owner(), "owner@example.com");
		assertProblem(post("/v1/accounts", "{\"code\":\"x\",\"type\":\"asset\"}", session.jwt()), 401, "unauthenticated");
		assertProblem(withCookie("laas_session=" + apiKey), 401, "unauthenticated");
		// The genuine session, for contrast: the same call succeeds.
		assertThat(withCookie("laas_session=" + session.jwt()).status()).isEqualTo(200);
	}

	// --- API keys ---

	@Test
	void expiredApiKey_is401_likeAnUnknownOne() {
		String expired = apiKeys.create(ledger.orgId(), ledger.id(), "expired", false, Instant.now().minusSeconds(1))
			.rawKey();
		assertProblem(post("/v1/accounts", "{\"code\":\"x\",\"type\":\"asset\"}", expired), 401, "unauthenticated");
		assertProblem(post("/v1/accounts", "{\"code\":\"x\",\"type\":\"asset\"}", "sk_live_unknown"), 401,
				"unauthenticated");
	}

	@Test
	void malformedApiKeys_andOtherSchemes_are401() {
		for (String header : new String[] { "Bearer", "Bearer ", "Bearer  ", "Basic dXNlcjpwYXNzd29yZA==",
				"Token " + apiKey, apiKey, "Bearer " + apiKey.substring(0, apiKey.length() - 1),
				"Bearer " + apiKey + "x", "Bearer " + "A".repeat(4000), "Bearer sk_live_%00%ff\\\"'" }) {
			Response response = rawPost("/v1/accounts", header);
			assertProblem(response, 401, "unauthenticated");
		}
		// Nothing of the above opened the account.
		assertThat(jdbc.queryForObject("select count(*) from accounts where ledger_id = ?", Long.class, ledger.id()))
			.isZero();
	}

	// --- start-up refusal of weak secrets ---

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ SessionSettings.class, ApiKeyHasher.Settings.class })
	@Import({ SessionTokens.class, ApiKeyHasher.class })
	static class SecretsOnly {

	}

	private final ApplicationContextRunner startUp = new ApplicationContextRunner().withUserConfiguration(SecretsOnly.class)
		.withPropertyValues("laas.auth.jwt-secret=a-jwt-secret-of-at-least-32-random-bytes-x7Q",
				"laas.api-keys.hmac-secret=an-hmac-secret-of-at-least-32-random-bytes-9fZ");

	@Test
	void strongSecrets_start() {
		startUp.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SessionTokens.class)
			.hasSingleBean(ApiKeyHasher.class));
	}

	@Test
	void missingShortOrRepetitiveJwtSecret_stopsTheStart_withTheSettingToFix() {
		for (String weak : new String[] { "", "short", "31-bytes-is-one-too-few-for-it!",
				"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "secretsecretsecretsecretsecretsecret",
				"changemechangemechangemechangeme" }) {
			startUp.withPropertyValues("laas.auth.jwt-secret=" + weak)
				.run(context -> assertThat(context).getFailure()
					.as("jwt secret '%s'", weak)
					.rootCause()
					.hasMessageContaining("laas.auth.jwt-secret (env LAAS_JWT_SECRET)"));
		}
	}

	@Test
	void missingShortOrRepetitiveApiKeySecret_stopsTheStart_withTheSettingToFix() {
		for (String weak : new String[] { "", "short", "0000000000000000000000000000000000000000",
				"passwordpasswordpasswordpassword" }) {
			startUp.withPropertyValues("laas.api-keys.hmac-secret=" + weak)
				.run(context -> assertThat(context).getFailure()
					.as("hmac secret '%s'", weak)
					.rootCause()
					.hasMessageContaining("laas.api-keys.hmac-secret (env LAAS_API_KEY_SECRET)"));
		}
	}

	// --- helpers ---

	private UUID owner() {
		return jdbc.queryForObject("select user_id from org_users where org_id = ?", UUID.class, ledger.orgId());
	}

	private javax.crypto.SecretKey ourKey() {
		return Keys.hmacShaKeyFor(jwtSecret.getBytes(StandardCharsets.UTF_8));
	}

	private static String session(javax.crypto.SecretKey key, String issuer, Instant issuedAt, Instant expiresAt,
			UUID user) {
		return Jwts.builder()
			.issuer(issuer)
			.subject(user.toString())
			.claim("email", "owner@example.com")
			.claim("xsrf", "x")
			.issuedAt(Date.from(issuedAt))
			.notBefore(Date.from(issuedAt))
			.expiration(Date.from(expiresAt))
			.signWith(key, Jwts.SIG.HS256)
			.compact();
	}

	/** The forged session is refused on a read, and on a write even with a matching CSRF token. */
	private void assertRefused(String jwt) {
		assertProblem(withCookie("laas_session=" + jwt), 401, "unauthenticated");
		Response write = send(HttpRequest.newBuilder(uri("/api/projects"))
			.header("Cookie", "laas_session=" + jwt + "; XSRF-TOKEN=x")
			.header("X-XSRF-TOKEN", "x")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"organization_id\":\"" + ledger.orgId()
					+ "\",\"name\":\"Forged\",\"code\":\"forged\"}")));
		assertProblem(write, 401, "unauthenticated");
		assertThat(jdbc.queryForObject("select count(*) from projects where org_id = ? and code = 'forged'", Long.class,
				ledger.orgId())).isZero();
	}

	private Response withCookie(String cookie) {
		return send(HttpRequest.newBuilder(uri("/api/me")).header("Cookie", cookie).GET());
	}

	private Response rawPost(String path, String authorization) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"forged\",\"type\":\"asset\"}")));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), false);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
