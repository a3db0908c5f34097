package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the service logs while secrets pass through it — sign-up and log-in with a password, an API key
 * created through {@code /api} and used (valid, wrong, revoked), a webhook endpoint created and its secret rotated
 * and revealed, a session JWT sent as a cookie, requests that fail in the body parser — must contain none of those
 * secrets, nor the server's own JWT and HMAC secrets. Our own packages log at DEBUG during the run, so a secret
 * logged "only at debug" is caught too, and the request log (DispatcherServlet at DEBUG: method, path, parameters)
 * is on, so it must mask the Authorization header and the cookies. Spring MVC's own DEBUG logging prints request and answer bodies (the first
 * 100 characters, e.g. {@code SignUp[password=...]}) and Jackson's parse errors quote the offending token: that
 * level must stay off in production, as it is in the shipped configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedTest extends ApiTestSupport {

	/** The request log of this service: method, path and parameters of every request, headers masked. */
	private static final String REQUEST_LOG = "org.springframework.web.servlet.DispatcherServlet";

	private static final String MARKER = "secrets-never-logged-marker-" + UUID.randomUUID();

	@Autowired
	LoggingSystem logging;

	@Value("${laas.auth.jwt-secret}")
	String jwtSecret;

	@Value("${laas.api-keys.hmac-secret}")
	String hmacSecret;

	private final List<String> secrets = new ArrayList<>();

	@AfterEach
	void restoreLevels() {
		logging.setLogLevel("io.laas", null);
		logging.setLogLevel(REQUEST_LOG, null);
	}

	@Test
	void apiKeysPasswordsWebhookSecretsAndJwts_neverReachTheLogs(CapturedOutput output) throws Exception {
		logging.setLogLevel("io.laas", LogLevel.DEBUG);
		logging.setLogLevel(REQUEST_LOG, LogLevel.DEBUG);
		LoggerFactory.getLogger(SecretsNeverLoggedTest.class).info(MARKER);
		secrets.add(jwtSecret);
		secrets.add(hmacSecret);

		String email = "secret-" + UUID.randomUUID() + "@example.com";
		String password = "pw-" + UUID.randomUUID();
		secrets.add(password);
		HttpResponse<String> signUp = call("POST", "/api/auth/signup", null,
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"organization_name\":\"Secretive\"}");
		assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(201);

		HttpResponse<String> logIn = call("POST", "/api/auth/login", null,
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		assertThat(logIn.statusCode()).isEqualTo(200);
		String jwt = cookie(logIn, "laas_session");
		String xsrf = cookie(logIn, "XSRF-TOKEN");
		secrets.add(jwt);
		String session = "laas_session=" + jwt + "; XSRF-TOKEN=" + xsrf;
		// A wrong password, and a body the JSON parser refuses with the password inside it.
		secrets.add("wrong-" + password);
		call("POST", "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"wrong-" + password + "\"}");
		secrets.add("unquoted" + password.replace("-", ""));
		call("POST", "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":unquoted"
				+ password.replace("-", "") + "}");

		JsonNode me = json(call("GET", "/api/me", session, null));
		String orgId = me.path("organizations").get(0).path("id").asString();
		String projectId = json(call("POST", "/api/projects", session,
				"{\"organization_id\":\"" + orgId + "\",\"name\":\"P\",\"code\":\"p\"}")).path("id").asString();
		String ledgerId = json(call("POST", "/api/ledgers", session, "{\"project_id\":\"" + projectId
				+ "\",\"name\":\"L\",\"code\":\"l\",\"currency\":\"USD\"}")).path("id").asString();
		JsonNode key = json(call("POST", "/api/ledgers/" + ledgerId + "/api-keys", session,
				"{\"description\":\"ci\",\"scope\":\"read_write\"}"));
		String rawKey = key.path("raw_key").asString();
		assertThat(rawKey).startsWith("sk_live_");
		secrets.add(rawKey);

		HttpResponse<String> opened = call("POST", "/v1/accounts", "Bearer " + rawKey,
				"{\"code\":\"cash\",\"name\":\"Cash\",\"type\":\"asset\"}");
		assertThat(opened.statusCode()).isEqualTo(201);
		String wrongKey = rawKey.substring(0, rawKey.length() - 4) + "AAAA";
		secrets.add(wrongKey);
		assertThat(call("GET", "/v1/accounts", "Bearer " + wrongKey, null).statusCode()).isEqualTo(401);

		JsonNode endpoint = json(call("POST", "/v1/webhook-endpoints", "Bearer " + rawKey,
				"{\"url\":\"https://example.com/hook\"}"));
		secrets.add(endpoint.path("secret").asString());
		String endpointId = endpoint.path("id").asString();
		JsonNode rotated = json(call("POST", "/v1/webhook-endpoints/" + endpointId + "/rotate-secret", "Bearer " + rawKey, "{}"));
		secrets.add(rotated.path("secret").asString());
		secrets.add(json(call("GET", "/v1/webhook-endpoints/" + endpointId + "/secret", "Bearer " + rawKey, null))
			.path("secret").asString());

		call("POST", "/api/api-keys/" + key.path("id").asString() + "/revoke", session, "{}");
		assertThat(call("GET", "/v1/accounts", "Bearer " + rawKey, null).statusCode()).isEqualTo(401);
		call("POST", "/api/auth/logout", session, "{}");

		String logged = output.getAll();
		assertThat(logged).as("the capture sees the logging system").contains(MARKER);
		assertThat(logged).as("the request log is on and captured").contains("\"/api/auth/login\"")
			.contains("\"/v1/webhook-endpoints/" + endpointId + "/secret\"");
		assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(7));
		for (String secret : secrets) {
			assertThat(logged).as("a secret in the logs").doesNotContain(secret);
		}
		// Parts that identify a secret alone: the random half of an API key, a JWT's signature.
		assertThat(logged).doesNotContain(rawKey.substring(14)).doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1));
		System.out.println("secrets never logged: " + secrets.size() + " secrets checked against " + logged.length()
				+ " characters of log output");
	}

	private HttpResponse<String> call(String method, String path, String auth, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (auth != null && auth.startsWith("Bearer ")) {
			request.header("Authorization", auth);
		}
		else if (auth != null) {
			request.header("Cookie", auth);
			request.header("X-XSRF-TOKEN", auth.substring(auth.indexOf("XSRF-TOKEN=") + "XSRF-TOKEN=".length()));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return io.laas.events.EventSerde.mapper().readTree(response.body());
	}

	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(name + "="))
			.map(c -> c.substring(name.length() + 1, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " cookie"));
	}

}
