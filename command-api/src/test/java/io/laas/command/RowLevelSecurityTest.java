package io.laas.command;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.tenancy.Tenants;
import io.laas.infra.TestInfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Row-level security, the second wall behind every {@code where ledger_id = ?}: the application role, with rows
 * of two ledgers present, sees nothing without a scope, only ledger A's rows when scoped to A, and cannot write a
 * row of ledger B while scoped to A. And that role cannot step around it: not superuser, not BYPASSRLS, owner of
 * nothing, with row-level security forced on every ledger-scoped table.
 */
class RowLevelSecurityTest extends ApiTestSupport {

	/** Ledger-scoped tables of command-api's schema; each must have forced row-level security. */
	private static final List<String> LEDGER_TABLES = List.of("accounts", "transactions", "events",
			"idempotency_records", "webhook_endpoints");

	/** Tables with a ledger_id column that are read before any ledger is known, deliberately without it. */
	private static final List<String> IAM_TABLES_WITH_LEDGER_ID = List.of("api_keys");

	private static final List<String> READ_MODEL_TABLES = List.of("ledger_progress", "accounts", "transactions",
			"postings", "transaction_history");

	@Autowired
	private DataSource applicationPool;

	@Autowired
	private LedgerScope scope;

	private Tenants.Ledger other;

	@BeforeEach
	void rowsOfTwoLedgers() {
		RunningProjector.ensureStarted();
		other = newLedger("USD");
		String otherKey = apiKeys.create(other.orgId(), other.id(), "test", false, null).rawKey();
		for (String key : List.of(apiKey, otherKey)) {
			for (String[] account : new String[][] { { "cash", "asset" }, { "revenue", "revenue" } }) {
				assertThat(post("/v1/accounts", "{\"code\":\"" + account[0] + "\",\"name\":\"" + account[0]
						+ "\",\"type\":\"" + account[1] + "\"}", key).status()).isEqualTo(201);
			}
			assertThat(post("/v1/transactions", sale("rls-1", "10.00"), key).status()).isEqualTo(201);
			assertThat(post("/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:9/hook\"}", key).status())
				.isEqualTo(201);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ownerCount("read_model.postings", ledger.id()) == 2 && ownerCount("read_model.postings",
					other.id()) == 2);
	}

	@Test
	void applicationPool_connectsAsTheApplicationRole() {
		assertThat(new JdbcTemplate(applicationPool).queryForObject("select current_user", String.class))
			.isEqualTo(TestInfra.get().postgres().appUser());
	}

	@Test
	void unscopedQuery_asTheApplicationRole_seesNoRowOfAnyLedger() throws SQLException {
		List<String> tables = new ArrayList<>(LEDGER_TABLES);
		READ_MODEL_TABLES.forEach(table -> tables.add("read_model." + table));
		for (String table : tables) {
			// The rows are there: the owner sees both ledgers'.
			assertThat(ownerCount(table, ledger.id())).as(table).isPositive();
			assertThat(ownerCount(table, other.id())).as(table).isPositive();
		}
		try (Connection app = appConnection()) {
			for (String table : tables) {
				assertThat(rows(app, "select * from " + table)).as("select * from " + table).isZero();
			}
		}
	}

	@Test
	void scopedQuery_asTheApplicationRole_seesOnlyItsLedgersRows() throws SQLException {
		List<String> tables = new ArrayList<>(LEDGER_TABLES);
		READ_MODEL_TABLES.forEach(table -> tables.add("read_model." + table));
		try (Connection app = appConnection()) {
			app.setAutoCommit(false);
			setLedger(app, ledger.id());
			for (String table : tables) {
				assertThat(ledgerIds(app, "select distinct ledger_id from " + table)).as(table)
					.containsExactly(ledger.id());
				assertThat(rows(app, "select * from " + table)).as(table).isEqualTo(ownerCount(table, ledger.id()));
			}
			app.commit();
			// Transaction-local: the next transaction on this (pooled) connection is unscoped again.
			assertThat(rows(app, "select * from accounts")).isZero();
			app.commit();
		}
	}

	@Test
	void writeOfAnotherLedgersRow_whileScopedToOneLedger_isRefused() throws SQLException {
		try (Connection app = appConnection()) {
			app.setAutoCommit(false);
			setLedger(app, ledger.id());
			try (PreparedStatement insert = app.prepareStatement("insert into accounts (id, ledger_id, code, name, "
					+ "type, currency) values (?, ?, 'intruder', 'Intruder', 'asset', 'USD')")) {
				insert.setObject(1, UUID.randomUUID());
				insert.setObject(2, other.id());
				assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
					.hasMessageContaining("row-level security");
			}
			app.rollback();
			setLedger(app, ledger.id());
			try (PreparedStatement update = app.prepareStatement(
					"update accounts set name = 'taken over' where ledger_id = ?")) {
				update.setObject(1, other.id());
				assertThat(update.executeUpdate()).isZero();
			}
			try (PreparedStatement delete = app.prepareStatement("delete from webhook_endpoints where ledger_id = ?")) {
				delete.setObject(1, other.id());
				assertThat(delete.executeUpdate()).isZero();
			}
			app.commit();
		}
		assertThat(ownerCount("accounts", other.id())).isEqualTo(2);
		assertThat(ownerCount("webhook_endpoints", other.id())).isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from accounts where ledger_id = ? and name = 'taken over'",
				Long.class, other.id())).isZero();
	}

	@Test
	void applicationRole_isNeitherSuperuserNorBypassRlsNorOwner_andRowLevelSecurityIsForced() {
		String role = TestInfra.get().postgres().appUser();
		assertThat(jdbc.queryForObject("select rolsuper or rolbypassrls from pg_roles where rolname = ?",
				Boolean.class, role)).isFalse();
		assertThat(jdbc.queryForObject("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
				+ "where r.rolname = ?", Long.class, role)).isZero();
		List<String> ledgerScoped = jdbc.queryForList("select c.relname from pg_class c "
				+ "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' "
				+ "and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'ledger_id' "
				+ "and not a.attisdropped) order by 1", String.class);
		assertThat(ledgerScoped).containsAll(LEDGER_TABLES);
		for (String table : ledgerScoped) {
			if (IAM_TABLES_WITH_LEDGER_ID.contains(table)) {
				continue;
			}
			assertThat(jdbc.queryForObject("select relrowsecurity and relforcerowsecurity from pg_class "
					+ "where oid = ('public.' || ?)::regclass", Boolean.class, table))
				.as("row-level security enabled and forced on public." + table)
				.isTrue();
		}
		for (String table : READ_MODEL_TABLES) {
			assertThat(jdbc.queryForObject("select relrowsecurity from pg_class where oid = ('read_model.' || ?)::regclass",
					Boolean.class, table))
				.as("row-level security enabled on read_model." + table)
				.isTrue();
		}
	}

	@Test
	void ledgerScope_refusesASecondLedgerInOneTransaction() {
		assertThatThrownBy(() -> scope.run(ledger.id(), () -> scope.run(other.id(), () -> {
		}))).isInstanceOf(IllegalStateException.class).hasMessageContaining(other.id().toString());
		assertThat(scope.call(ledger.id(), () -> scope.call(ledger.id(),
				() -> new JdbcTemplate(applicationPool).queryForObject("select count(*) from accounts", Long.class))))
			.isEqualTo(2L);
	}

	private Connection appConnection() throws SQLException {
		TestInfra infra = TestInfra.get();
		return DriverManager.getConnection(infra.jdbcUrl(), infra.postgres().appUser(), infra.postgres().appPassword());
	}

	private static void setLedger(Connection connection, UUID ledgerId) throws SQLException {
		try (PreparedStatement set = connection.prepareStatement("select set_config('app.ledger_id', ?, true)")) {
			set.setString(1, ledgerId.toString());
			set.executeQuery().close();
		}
	}

	private static long rows(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			long count = 0;
			while (rs.next()) {
				count++;
			}
			return count;
		}
	}

	private static List<UUID> ledgerIds(Connection connection, String sql) throws SQLException {
		List<UUID> ids = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				ids.add(rs.getObject(1, UUID.class));
			}
		}
		return ids;
	}

	private long ownerCount(String table, UUID ledgerId) {
		return jdbc.queryForObject("select count(*) from " + table + " where ledger_id = ?", Long.class, ledgerId);
	}

}
