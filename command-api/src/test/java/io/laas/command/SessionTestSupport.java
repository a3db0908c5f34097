package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A logged-in browser for the management API ({@code /api}): sign-up, session cookie and CSRF token. */
abstract class SessionTestSupport extends ApiTestSupport {

	/** A logged-in browser: its e-mail, session cookie and CSRF token. */
	record Session(String email, String cookie, String xsrf) {
	}

	static String newEmail(String prefix) {
		return prefix + "-" + UUID.randomUUID() + "@example.com";
	}

	/** Signs up a new user with an organization of their own. */
	Session signUp() {
		String email = newEmail("user");
		return session(email, signUpAs(email, "Acme"));
	}

	/** Signs up {@code email}; {@code organization} null leaves organization_name out of the body. */
	HttpResponse<String> signUpAs(String email, String organization) {
		return raw(HttpRequest.newBuilder(uri("/api/auth/signup"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\""
					+ (organization == null ? "" : ",\"organization_name\":\"" + organization + "\"") + "}"))
			.build());
	}

	HttpResponse<String> logInAs(String email) {
		return logInAs(email, "correct horse battery");
	}

	HttpResponse<String> logInAs(String email, String password) {
		return raw(HttpRequest.newBuilder(uri("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build());
	}

	/** The session a successful sign-up or log-in answer set. */
	static Session session(String email, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		String session = null;
		String xsrf = null;
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.substring(0, header.indexOf(';'));
			if (pair.startsWith("laas_session=")) {
				session = pair;
			}
			if (pair.startsWith("XSRF-TOKEN=")) {
				xsrf = pair.substring("XSRF-TOKEN=".length());
			}
		}
		return new Session(email, session, xsrf);
	}

	Response call(Session s, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (s != null) {
			request.header("Cookie", s.cookie() + "; XSRF-TOKEN=" + s.xsrf()).header("X-XSRF-TOKEN", s.xsrf());
		}
		return response(raw(request.build()));
	}

	static Response response(HttpResponse<String> r) {
		return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), false);
	}

	/** The first organization of the session's user. */
	String firstOrg(Session s) {
		return call(s, "GET", "/api/me", null).json().path("organizations").get(0).path("id").asString();
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	static HttpResponse<String> raw(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
