package io.laas.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.laas.command.apikey.ApiKeys;
import io.laas.command.tenancy.Tenants;
import io.laas.infra.InfraExtension;
import io.laas.events.EventSerde;
import tools.jackson.databind.JsonNode;

/**
 * The real command-api on a random port against the real Postgres and Kafka of the test run. Each test gets a
 * fresh organization, USD ledger and read-write API key, so tests never see each other's data.
 */
@ExtendWith(InfraExtension.class)
@SpringBootTest(classes = CommandApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTestSupport {

	protected static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected Tenants tenants;

	@Autowired
	protected ApiKeys apiKeys;

	/**
	 * The OWNER's connection (a superuser here), not the application's pool: tests look at and arrange rows of
	 * any ledger, which row-level security keeps from the application role.
	 */
	protected final JdbcTemplate jdbc = OwnerJdbc.get();

	protected Tenants.Ledger ledger;

	protected String apiKey;

	@BeforeEach
	void freshLedger() {
		ledger = newLedger("USD");
		apiKey = apiKeys.create(ledger.orgId(), ledger.id(), "test", false, null).rawKey();
	}

	protected Tenants.Ledger newLedger(String currency) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID user = tenants.createUser("owner-" + suffix + "@example.com", "correct horse battery staple");
		UUID org = tenants.createOrganization("Org " + suffix, user);
		UUID project = tenants.createProject(org, "Project", "p-" + suffix);
		return tenants.createLedger(org, project, "Ledger", "l-" + suffix, currency);
	}

	protected Response post(String path, String body) {
		return post(path, body, apiKey);
	}

	protected Response post(String path, String body, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return send(request.build());
	}

	protected Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + apiKey)
			.GET()
			.build());
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers().firstValue("Idempotent-Replayed").isPresent());
		}
		catch (Exception ex) {
			throw new IllegalStateException("HTTP call failed: " + request.uri(), ex);
		}
	}

	protected void openAccount(String code, String type) {
		Response created = post("/v1/accounts", "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"type\":\"" + type + "\"}");
		if (created.status() != 201) {
			throw new IllegalStateException("could not open " + code + ": " + created);
		}
	}

	protected long eventCount() {
		return jdbc.queryForObject("select count(*) from events where ledger_id = ?", Long.class, ledger.id());
	}

	protected static String sale(String key, String amount) {
		return """
				{"idempotency_key": "%s", "description": "Sale", "postings": [
				  {"account_code": "cash", "direction": "debit", "amount": "%s"},
				  {"account_code": "revenue", "direction": "credit", "amount": "%s"}]}
				""".formatted(key, amount, amount);
	}

	public record Response(int status, String contentType, String body, boolean replayed) {

		public JsonNode json() {
			return EventSerde.mapper().readTree(body);
		}

	}

}
