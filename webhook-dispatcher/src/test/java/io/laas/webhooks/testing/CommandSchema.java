package io.laas.webhooks.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.laas.infra.TestInfra;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * command-api's schema in {@code public}, created by running command-api's real migration files from the source
 * tree, plus rows the dispatcher reads: an org, project and ledger per test, and webhook endpoints.
 */
public final class CommandSchema {

	private static final Path MIGRATIONS = Path.of("../command-api/src/main/resources/db/migration");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static boolean migrated;

	private CommandSchema() {
	}

	/** Runs command-api's migrations into {@code public} (once per JVM; Flyway skips what is applied). */
	public static synchronized JdbcTemplate jdbc() {
		DataSource dataSource = dataSource();
		if (!migrated) {
			if (!Files.isDirectory(MIGRATIONS)) {
				throw new IllegalStateException("command-api migrations not found at " + MIGRATIONS.toAbsolutePath());
			}
			Flyway.configure()
				.dataSource(dataSource)
				.locations("filesystem:" + MIGRATIONS)
				.schemas("public")
				.load()
				.migrate();
			migrated = true;
		}
		return new JdbcTemplate(dataSource);
	}

	private static DataSource dataSource() {
		TestInfra infra = TestInfra.get();
		return new SimpleDriverDataSource(new Driver(), infra.jdbcUrl(), infra.postgres().user(),
				infra.postgres().password());
	}

	/** A new organization, project and ledger; returns the ledger id. */
	public static UUID newLedger(JdbcTemplate jdbc) {
		UUID org = UUID.randomUUID();
		UUID project = UUID.randomUUID();
		UUID ledger = UUID.randomUUID();
		String code = "l" + ledger.toString().substring(0, 8);
		jdbc.update("insert into public.organizations (id, name) values (?, ?)", org, "org " + code);
		jdbc.update("insert into public.projects (id, org_id, name, code) values (?, ?, ?, ?)", project, org,
				"project " + code, code);
		jdbc.update("insert into public.ledgers (id, org_id, project_id, name, code, currency) values (?, ?, ?, ?, ?, ?)",
				ledger, org, project, "ledger " + code, code, "EUR");
		return ledger;
	}

	public static String newSecret() {
		byte[] key = new byte[24];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** An enabled endpoint; {@code eventTypes} empty for every type. */
	public static UUID newEndpoint(JdbcTemplate jdbc, UUID ledgerId, String url, String secret,
			List<String> eventTypes) {
		UUID id = UUID.randomUUID();
		jdbc.update("insert into public.webhook_endpoints (id, ledger_id, url, event_types, secret) values (?, ?, ?, ?, ?)",
				(statement) -> {
					statement.setObject(1, id);
					statement.setObject(2, ledgerId);
					statement.setString(3, url);
					statement.setArray(4, statement.getConnection().createArrayOf("text", eventTypes.toArray()));
					statement.setString(5, secret);
				});
		return id;
	}

	/**
	 * Ends what a test class leaves behind: its endpoints are disabled and their pending deliveries failed, so that
	 * the next class's dispatcher does not send to receivers that are gone.
	 */
	public static void retire(JdbcTemplate jdbc, List<UUID> ledgerIds) {
		for (UUID ledgerId : ledgerIds) {
			jdbc.update("update public.webhook_endpoints set enabled = false, disabled_reason = 'test over' where ledger_id = ?",
					ledgerId);
			jdbc.update("""
					update webhooks.deliveries set status = 'failed', next_attempt_at = null, last_error = 'test over'
					 where ledger_id = ? and status = 'pending'""", ledgerId);
		}
	}

}
