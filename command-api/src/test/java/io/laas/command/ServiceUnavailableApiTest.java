package io.laas.command;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.laas.command.RejectionCodesApiTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 503 refusals, provoked for real rather than mocked: the command-api runs against a database of its own in
 * which only its own Flyway migrations ran, as on a fresh deployment before the projector and the webhook-dispatcher
 * first started (so {@code read_model.*} and {@code webhooks.*} do not exist), and with a 1 s posting timeout so that
 * a ledger row locked by another session makes a command outlast it.
 */
class ServiceUnavailableApiTest extends ApiTestSupport {

	private static String bareDatabaseUrl;

	@DynamicPropertySource
	static void bareDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", ServiceUnavailableApiTest::bareDatabaseUrl);
		registry.add("laas.posting.timeout-ms", () -> "1000");
		registry.add("laas.relay.enabled", () -> "false");
	}

	private static synchronized String bareDatabaseUrl() {
		if (bareDatabaseUrl == null) {
			String shared = System.getProperty("spring.datasource.url");
			String name = "laas_bare_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			try (Connection c = DriverManager.getConnection(shared, System.getProperty("spring.datasource.username"),
					System.getProperty("spring.datasource.password"))) {
				c.createStatement().execute("create database " + name);
			}
			catch (Exception ex) {
				throw new IllegalStateException("could not create " + name, ex);
			}
			int slash = shared.lastIndexOf('/');
			int query = shared.indexOf('?', slash);
			bareDatabaseUrl = shared.substring(0, slash + 1) + name + (query < 0 ? "" : shared.substring(query));
		}
		return bareDatabaseUrl;
	}

	/** Counted in this test's own database (the inherited count reads the shared one), as the owner past RLS. */
	@Override
	protected long eventCount() {
		try (Connection c = DriverManager.getConnection(bareDatabaseUrl, System.getProperty("spring.datasource.username"),
				System.getProperty("spring.datasource.password"));
				PreparedStatement count = c.prepareStatement("select count(*) from events where ledger_id = ?")) {
			count.setObject(1, ledger.id());
			try (var rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void readsBeforeTheProjectorCreatedTheReadModel_areReadModelUnavailable() {
		openAccount("cash", "asset");

		assertRefused(get("/v1/transactions"), 503, "read-model-unavailable", null);
		assertRefused(get("/v1/accounts"), 503, "read-model-unavailable", null);
		assertRefused(get("/v1/accounts/cash/balance"), 503, "read-model-unavailable", null);
	}

	@Test
	void aTestDeliveryBeforeTheDispatcherCreatedItsTables_isDispatcherUnavailable() {
		Response endpoint = post("/v1/webhook-endpoints",
				"{\"url\":\"http://127.0.0.1:9/hook\",\"event_types\":[\"transaction.posted\"]}");
		assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);

		Response response = post("/v1/webhook-endpoints/" + endpoint.json().path("id").asString() + "/test", "{}");

		assertRefused(response, 503, "dispatcher-unavailable", null);
	}

	@Test
	void aCommandThatOutlastsThePostingTimeout_isServiceUnavailable_andWritesNothingUntilItCompletes()
			throws Exception {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		long events = eventCount();
		try (Connection holder = DriverManager.getConnection(bareDatabaseUrl, System.getProperty("spring.datasource.username"),
				System.getProperty("spring.datasource.password"))) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement("select 1 from ledgers where id = ? for update")) {
				lock.setObject(1, ledger.id());
				lock.executeQuery();
			}

			Response response = post("/v1/transactions", sale("held", "1.00"));

			assertRefused(response, 503, "service-unavailable", null);
			assertThat(response.json().path("detail").asString()).contains("same idempotency key");
			assertThat(eventCount()).isEqualTo(events);
			holder.rollback();
		}
		// As the detail says, the queued command completes once the lock is gone; the same key tells its outcome.
		Response retried = post("/v1/transactions", sale("held", "1.00"));
		assertThat(retried.status()).as(retried.body()).isEqualTo(201);
		assertThat(eventCount()).isEqualTo(events + 1);
	}

}
