package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.laas.command.session.SessionTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route of both surfaces ({@code /v1} with an API key, {@code /api} with a session) that names a
 * resource, filled with the ids of tenant A, as tenant B: every answer must be a 404. The routes are read from
 * Spring's own mapping, so a route added tomorrow is walked tomorrow without touching this test.
 */
class TenancyMatrixTest extends ApiTestSupport {

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	SessionTokens sessions;

	@Test
	void everyRouteNamingAResource_answers404_toAnotherTenant() {
		RunningProjector.ensureStarted(); // the read model exists, so reads answer from it rather than 503
		// Tenant A (the test's ledger): an account, a pending transaction, a webhook endpoint, an API key.
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		String transactionId = post("/v1/transactions", """
				{"status": "pending", "postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"},
				{"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""").json().path("id").asString();
		String endpointId = post("/v1/webhook-endpoints", "{\"url\":\"https://example.com/hook\"}").json().path("id")
			.asString();
		UUID keyId = apiKeys.create(ledger.orgId(), ledger.id(), "a", false, null).id();
		UUID userA = jdbc.queryForObject("select user_id from org_users where org_id = ?", UUID.class, ledger.orgId());
		UUID projectA = jdbc.queryForObject("select project_id from ledgers where id = ?", UUID.class, ledger.id());

		// Tenant B: its own ledger, key and session.
		var other = newLedger("USD");
		String keyB = apiKeys.create(other.orgId(), other.id(), "b", false, null).rawKey();
		UUID userB = jdbc.queryForObject("select user_id from org_users where org_id = ?", UUID.class, other.orgId());
		SessionTokens.Issued sessionB = sessions.issue(userB, "b@example.com");

		Map<String, String> values = Map.of("ledgerId", ledger.id().toString(), "orgId", ledger.orgId().toString(),
				"userId", userA.toString(), "keyId", keyId.toString(), "code", "cash", "action", "post");
		List<String> leaks = new ArrayList<>();
		int walked = 0;
		for (Route route : routes()) {
			String path = fill(route.pattern(), values, transactionId, endpointId);
			String query = "";
			if (!route.pattern().contains("{")) {
				if (route.pattern().equals("/api/projects") || route.pattern().equals("/api/ledgers")) {
					query = "?org_id=" + ledger.orgId();
				}
				else {
					continue; // no resource in the path: it acts on the caller's own tenant
				}
			}
			String body = route.pattern().equals("/api/projects") ? "{\"organization_id\":\"" + ledger.orgId()
					+ "\",\"name\":\"x\",\"code\":\"x\"}"
					: route.pattern().equals("/api/ledgers") ? "{\"project_id\":\"" + projectA
							+ "\",\"name\":\"x\",\"code\":\"x\",\"currency\":\"USD\"}" : "{}";
			HttpResponse<String> response = call(route, path + query, body, keyB, sessionB);
			walked++;
			if (response.statusCode() != 404) {
				leaks.add(route.method() + " " + path + query + " -> " + response.statusCode() + " " + response.body());
			}
		}
		System.out.println("tenancy matrix: " + walked + " routes walked as another tenant");
		assertThat(walked).as("routes walked").isGreaterThan(30);
		assertThat(leaks).as("answers other than 404 to another tenant").isEmpty();
		// Nothing of A changed.
		assertThat(jdbc.queryForObject("select status from transactions where id = ?::uuid", String.class, transactionId))
			.isEqualTo("pending");
		assertThat(jdbc.queryForObject("select revoked_at is null from api_keys where id = ?", Boolean.class, keyId))
			.isTrue();
	}

	record Route(String method, String pattern) {
	}

	private Set<Route> routes() {
		Set<Route> routes = new LinkedHashSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/v1/") && !pattern.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					routes.add(new Route(method.name(), pattern));
				}
			}
		}
		return routes;
	}

	private static String fill(String pattern, Map<String, String> values, String transactionId, String endpointId) {
		Matcher matcher = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String value;
			if (name.equals("id")) {
				value = pattern.contains("webhook-endpoints") ? endpointId
						: pattern.contains("transactions") ? transactionId : UUID.randomUUID().toString();
			}
			else {
				value = values.getOrDefault(name, UUID.randomUUID().toString());
			}
			matcher.appendReplacement(path, value);
		}
		matcher.appendTail(path);
		return path.toString();
	}

	private HttpResponse<String> call(Route route, String path, String body, String keyB, SessionTokens.Issued session) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
		boolean withBody = !route.method().equals("GET") && !route.method().equals("DELETE");
		request.method(route.method(), withBody ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		if (path.startsWith("/v1/")) {
			request.header("Authorization", "Bearer " + keyB);
		}
		else {
			request.header("Cookie", "laas_session=" + session.jwt() + "; XSRF-TOKEN=" + session.xsrfToken())
				.header("X-XSRF-TOKEN", session.xsrfToken());
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
