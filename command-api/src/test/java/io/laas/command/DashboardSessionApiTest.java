package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The management API with real cookies: sign-up, CSRF, tenant isolation, API keys created and revoked. */
class DashboardSessionApiTest extends ApiTestSupport {

	/** A logged-in browser: its session cookie and CSRF token. */
	record Session(String cookie, String xsrf) {
	}

	@Test
	void signUp_thenCreateProjectLedgerAndKey_andTheKeyWorksUntilRevoked() {
		Session s = signUp();
		JsonNode me = call(s, "GET", "/api/me", null).json();
		String orgId = me.path("organizations").get(0).path("id").asString();
		assertThat(me.path("organizations").get(0).path("role").asString()).isEqualTo("owner");

		Response project = call(s, "POST", "/api/projects",
				"{\"organization_id\":\"" + orgId + "\",\"name\":\"Payments\",\"code\":\"payments\"}");
		assertThat(project.status()).as(project.body()).isEqualTo(201);
		Response ledgerCreated = call(s, "POST", "/api/ledgers", "{\"project_id\":\"" + project.json().path("id").asString()
				+ "\",\"name\":\"Main\",\"code\":\"main\",\"currency\":\"EUR\"}");
		assertThat(ledgerCreated.status()).as(ledgerCreated.body()).isEqualTo(201);
		String ledgerId = ledgerCreated.json().path("id").asString();

		Response key = call(s, "POST", "/api/ledgers/" + ledgerId + "/api-keys", "{\"description\":\"ci\",\"scope\":\"read_write\"}");
		assertThat(key.status()).isEqualTo(201);
		String rawKey = key.json().path("raw_key").asString();
		assertThat(rawKey).startsWith("sk_live_");
		assertThat(call(s, "GET", "/api/ledgers/" + ledgerId + "/api-keys", null).body()).doesNotContain(rawKey);

		Response account = post("/v1/accounts", "{\"code\":\"cash\",\"name\":\"Cash\",\"type\":\"asset\"}", rawKey);
		assertThat(account.status()).isEqualTo(201);
		assertThat(account.json().path("currency").asString()).isEqualTo("EUR");

		call(s, "POST", "/api/api-keys/" + key.json().path("id").asString() + "/revoke", "{}");
		assertProblem(post("/v1/accounts", "{\"code\":\"cash2\",\"type\":\"asset\"}", rawKey), 401, "unauthenticated");
	}

	@Test
	void anotherTenantsLedger_isNotFound() {
		Session s = signUp();
		for (String path : List.of("/api/ledgers/" + ledger.id(), "/api/ledgers/" + ledger.id() + "/accounts",
				"/api/ledgers/" + ledger.id() + "/api-keys", "/api/ledgers/" + ledger.id() + "/events",
				"/api/ledgers/" + ledger.id() + "/transactions", "/api/orgs/" + ledger.orgId() + "/members")) {
			assertProblem(call(s, "GET", path, null), 404, "not-found");
		}
		assertProblem(call(s, "POST", "/api/ledgers/" + ledger.id() + "/api-keys", "{}"), 404, "not-found");
	}

	@Test
	void stateChangingCall_withoutCsrfToken_isRefused() {
		Session s = signUp();
		Response response = call(new Session(s.cookie(), "wrong"), "POST", "/api/projects", "{}");
		assertProblem(response, 403, "csrf-token-invalid");
	}

	@Test
	void tamperedOrUnsignedSession_is401() {
		Session s = signUp();
		String token = s.cookie().substring(s.cookie().indexOf('=') + 1);
		String[] parts = token.split("\\.");
		String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
		assertProblem(call(new Session("laas_session=" + unsigned, s.xsrf()), "GET", "/api/me", null), 401,
				"unauthenticated");
		assertProblem(call(new Session("laas_session=" + parts[0] + "." + parts[1] + ".AAAA", s.xsrf()), "GET", "/api/me",
				null), 401, "unauthenticated");
		assertProblem(call(null, "GET", "/api/me", null), 401, "unauthenticated");
	}

	@Test
	void signUp_refusesShortPasswords_andTakenEmails() {
		assertProblem(anonymous("/api/auth/signup",
				"{\"email\":\"a@example.com\",\"password\":\"short\",\"organization_name\":\"x\"}"), 400, "validation-failed");
		String email = "taken-" + UUID.randomUUID() + "@example.com";
		anonymous("/api/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"long enough password\",\"organization_name\":\"x\"}");
		assertProblem(anonymous("/api/auth/signup", "{\"email\":\"" + email.toUpperCase()
				+ "\",\"password\":\"long enough password\",\"organization_name\":\"x\"}"), 409, "email-taken");
		assertProblem(anonymous("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong password!!\"}"), 401,
				"invalid-credentials");
	}

	@Test
	void passwordsBeyondBcryptsSeventyTwoBytes_areRefusedAtSignUp_andWrongAtLogin() {
		// 40 Arabic letters: 40 characters, 80 bytes in UTF-8; bcrypt would silently ignore (or refuse) the rest.
		String arabic = "\u0627".repeat(40);
		assertProblem(anonymous("/api/auth/signup", "{\"email\":\"long-" + UUID.randomUUID()
				+ "@example.com\",\"password\":\"" + arabic + "\",\"organization_name\":\"x\"}"), 400, "validation-failed");
		assertProblem(anonymous("/api/auth/signup", "{\"email\":\"long-" + UUID.randomUUID()
				+ "@example.com\",\"password\":\"" + "p".repeat(73) + "\",\"organization_name\":\"x\"}"), 400,
				"validation-failed");
		String email = "bcrypt-" + UUID.randomUUID() + "@example.com";
		Response created = anonymous("/api/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"" + "p".repeat(72)
				+ "\",\"organization_name\":\"x\"}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertProblem(anonymous("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + "p".repeat(72) + "q"
				+ "\"}"), 401, "invalid-credentials");
	}

	@Test
	void lastOwner_cannotBeRemoved() {
		Session s = signUp();
		JsonNode me = call(s, "GET", "/api/me", null).json();
		String orgId = me.path("organizations").get(0).path("id").asString();
		String userId = me.path("user").path("id").asString();
		assertProblem(call(s, "DELETE", "/api/orgs/" + orgId + "/members/" + userId, null), 409, "last-owner");
	}

	@Test
	void failedLogins_areThrottled_withRetryAfter() {
		String email = "throttled-" + UUID.randomUUID() + "@example.com";
		anonymous("/api/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"the right password\",\"organization_name\":\"x\"}");
		for (int i = 0; i < 5; i++) {
			assertProblem(anonymous("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"a wrong password\"}"),
					401, "invalid-credentials");
		}
		HttpResponse<String> throttled = raw(HttpRequest.newBuilder(uri("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"the right password\"}"))
			.build());
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'login.failed' and actor = ?",
				Long.class, email)).isEqualTo(5);
	}

	@Test
	void auditLog_showsKeyCreation_toOwners() {
		Session s = signUp();
		JsonNode me = call(s, "GET", "/api/me", null).json();
		String orgId = me.path("organizations").get(0).path("id").asString();
		String projectId = call(s, "POST", "/api/projects",
				"{\"organization_id\":\"" + orgId + "\",\"name\":\"P\",\"code\":\"p\"}").json().path("id").asString();
		String ledgerId = call(s, "POST", "/api/ledgers", "{\"project_id\":\"" + projectId
				+ "\",\"name\":\"L\",\"code\":\"l\",\"currency\":\"USD\"}").json().path("id").asString();
		call(s, "POST", "/api/ledgers/" + ledgerId + "/api-keys", "{\"description\":\"audited\"}");

		JsonNode log = call(s, "GET", "/api/orgs/" + orgId + "/audit-log", null).json().path("data");

		assertThat(log.get(0).path("action").asString()).isEqualTo("api_key.created");
		assertThat(log.get(0).path("ip").asString()).isEqualTo("127.0.0.1");
	}

	private Session signUp() {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		HttpResponse<String> response = raw(HttpRequest.newBuilder(uri("/api/auth/signup"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
					+ "\",\"password\":\"correct horse battery\",\"organization_name\":\"Acme\"}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String session = null;
		String xsrf = null;
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.substring(0, header.indexOf(';'));
			if (pair.startsWith("laas_session=")) {
				session = pair;
				assertThat(header).contains("HttpOnly").contains("SameSite=Lax");
			}
			if (pair.startsWith("XSRF-TOKEN=")) {
				xsrf = pair.substring("XSRF-TOKEN=".length());
			}
		}
		return new Session(session, xsrf);
	}

	private Response anonymous(String path, String body) {
		HttpResponse<String> r = raw(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build());
		return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), false);
	}

	private Response call(Session s, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (s != null) {
			request.header("Cookie", s.cookie() + "; XSRF-TOKEN=" + s.xsrf()).header("X-XSRF-TOKEN", s.xsrf());
		}
		HttpResponse<String> r = raw(request.build());
		return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), false);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static HttpResponse<String> raw(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
