package io.laas.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.laas.command.tenancy.AuditLog;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;
import io.laas.infra.LocalPostgres;
import io.laas.infra.TestInfra;
import io.laas.projector.ProjectorApplication;
import io.laas.projector.readmodel.ReadModelSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * docs/operations.md, "Backup and restore", with the real {@code pg_dump} and {@code pg_restore}: back up the write
 * side ({@code public}) with the documented command, restore it into a new database with the documented command and
 * nothing else, rebuild the read model from the restored events, and get the same balances.
 *
 * <p>A workload of posted, pending (then posted or voided) and reversed transactions goes through the API and is
 * projected by the real projector, on the project's test server (zonky's PostgreSQL 17). Then:
 * <ol>
 * <li><b>Staging.</b> The only {@code pg_dump} on the machine is Debian's 15, and a {@code pg_dump} refuses a server of
 * a newer major version (pinned below: it refuses the PostgreSQL 17 server); zonky's bundle has none (only
 * {@code initdb}, {@code pg_ctl}, {@code postgres}). So the write side is staged into a Debian PostgreSQL 15 server
 * that this test starts ({@link DebianPostgres}): the application role created as documented, command-api's Flyway
 * migrations (all of them run on 15) and the projector's (an empty {@code read_model}, which the dump must leave out),
 * then every row of {@code public} copied from PostgreSQL 17 with {@code COPY ... (FORMAT binary)} inside one
 * {@code REPEATABLE READ READ ONLY} snapshot, and the sequences set to their values. Binary COPY is portable between
 * the two versions for our column types: the staged tables' binary COPY is byte-identical to the PostgreSQL 17
 * one.</li>
 * <li><b>Backup and restore</b>, the operator's commands: {@code pg_dump -Fc -N 'read_model*' -N webhooks} of the
 * staged database, then {@code pg_restore --exit-on-error --single-transaction --no-owner --role=<owner>} into a new,
 * empty database on the same server. No migrations before or after: whatever the restored database holds, the dump
 * carried.</li>
 * <li><b>Proof.</b> (1) Every table of {@code public}, Flyway's history included, is byte-identical (binary COPY) to
 * the staged one, and (but for that history) to the PostgreSQL 17 snapshot. (2) The dump carried the schema:
 * columns, constraints, indexes, forced row-level security and its policies, the trigger and its function, the
 * application role's grants and default privileges, the sequences' values, the {@code laas_events} publication on
 * {@code events}; the restored catalog equals the staged one in each, and the expected objects are there. It left out
 * {@code read_model}. The relay's offsets came along but no replication slot did: the state in which the relay
 * refuses to start until the offsets are deleted. (3) The totals recomputed by folding the restored events'
 * postings equal the restored accounts, which equal the live PostgreSQL 17 accounts (four totals and version). (4) A
 * read model rebuilt from the restored database alone (its events published to a new topic, a second projector
 * migrating and projecting into the restored PostgreSQL 15 database) equals the live read model account by account
 * and transaction by transaction.</li>
 * </ol>
 */
class BackupRestoreTest extends ApiTestSupport {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	/** docs/operations.md, "Backup and restore": everything but the read models, which are rebuilt from the events. */
	private static final List<String> PG_DUMP_OPTIONS = List.of("-Fc", "-N", "read_model*", "-N", "webhooks");

	private static final List<String> FORCED_ROW_LEVEL_SECURITY = List.of("accounts", "events", "idempotency_records",
			"transactions", "webhook_endpoints");

	/** Started in the background (initdb takes seconds) while Spring starts and the workload runs. */
	private static CompletableFuture<DebianPostgres> starting;

	private static DebianPostgres server;

	@Autowired
	AuditLog auditLog;

	@BeforeAll
	static void startDebianPostgres() {
		starting = CompletableFuture.supplyAsync(DebianPostgres::start);
	}

	/** Waits for a start still under way, so that nothing is left running whatever happened. */
	@AfterAll
	static void stopDebianPostgres() {
		DebianPostgres started = (starting != null) ? starting.exceptionally((ex) -> null).join() : null;
		if (started != null) {
			started.close();
		}
	}

	@Test
	void pgDumpOfTheWriteSide_restoredIntoANewDatabaseAndReplayed_givesIdenticalBalances() throws Exception {
		long lastSequence = workload(new Random(20261124L));
		RunningProjector.ensureStarted();
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> lastProjected(jdbc) == lastSequence);
		// The relay stores its offsets every second; the backup should hold some, as a production one would.
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.queryForObject("select count(*) from public.relay_offsets", Long.class) > 0);

		server = starting.join();

		// The version constraint, pinned: this pg_dump cannot back up the live server itself.
		assertThat(majorVersion(jdbc)).isEqualTo(17);
		assertThat(server.majorVersion()).isEqualTo(15);
		assertThatThrownBy(() -> server.client("pg_dump", "-Fc", "-f", server.file("refused.dump").toString(),
				liveUri())).hasMessageContaining("server version mismatch");

		Snapshot live = snapshot(TestInfra.get().jdbcUrl(), TestInfra.get().postgres().user(),
				TestInfra.get().postgres().password());
		assertThat(live.tables()).containsKeys("events", "accounts", "transactions", "ledgers", "relay_offsets");

		// Staging: PostgreSQL 15 gets the same write side.
		String appRole = TestInfra.get().postgres().appUser();
		server.execute("CREATE ROLE " + appRole + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
				+ "NOREPLICATION PASSWORD 'restore-test'");
		server.execute("create database laas");
		stage(dataSource("laas"), appRole, live);
		Snapshot staged = snapshot(server.jdbcUrl("laas"), DebianPostgres.SUPERUSER, "");
		assertThat(withoutFlywayHistory(staged.tables()).keySet())
			.isEqualTo(withoutFlywayHistory(live.tables()).keySet());
		withoutFlywayHistory(live.tables())
			.forEach((table, rows) -> assertThat(digest(staged.tables().get(table))).as("staged " + table)
				.isEqualTo(digest(rows)));
		assertThat(live.sequences().get("audit_log_id_seq")).endsWith(" true");
		assertThat(staged.sequences()).isEqualTo(live.sequences());

		// Backup and restore, as documented.
		Path dump = server.file("laas.dump");
		List<String> dumpCommand = new ArrayList<>(PG_DUMP_OPTIONS);
		dumpCommand.addAll(List.of("-f", dump.toString(), server.uri("laas")));
		server.client("pg_dump", dumpCommand.toArray(String[]::new));
		server.execute("create database laas_restored template template0");
		server.client("pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
				"--role=" + DebianPostgres.SUPERUSER, "-d", server.uri("laas_restored"), dump.toString());
		JdbcTemplate stagedJdbc = new JdbcTemplate(dataSource("laas"));
		JdbcTemplate restored = new JdbcTemplate(dataSource("laas_restored"));

		// 1. Every table, row for row.
		Snapshot again = snapshot(server.jdbcUrl("laas_restored"), DebianPostgres.SUPERUSER, "");
		assertThat(again.tables().keySet()).isEqualTo(staged.tables().keySet()).contains("flyway_schema_history");
		staged.tables()
			.forEach((table, rows) -> assertThat(digest(again.tables().get(table))).as("restored " + table)
				.isEqualTo(digest(rows)));
		assertThat(restored.queryForList("select id::text || status || postings::text from transactions "
				+ "where ledger_id = ? order by id", String.class, ledger.id()))
			.isEqualTo(jdbc.queryForList("select id::text || status || postings::text from transactions "
					+ "where ledger_id = ? order by id", String.class, ledger.id()))
			.hasSize(30 + 3);
		assertThat(restored.queryForObject("select count(*) from events where ledger_id = ?", Long.class, ledger.id()))
			.isEqualTo(lastSequence);

		// 2. The schema came with the dump, and only the write side's.
		Map<String, List<String>> restoredCatalog = catalog(restored);
		assertThat(restoredCatalog).isEqualTo(catalog(stagedJdbc));
		assertThat(restoredCatalog.get("forced row-level security")).isEqualTo(FORCED_ROW_LEVEL_SECURITY);
		assertThat(restoredCatalog.get("policies")).hasSize(FORCED_ROW_LEVEL_SECURITY.size());
		assertThat(restoredCatalog.get("publication")).containsExactly("laas_events public.events");
		assertThat(restoredCatalog.get("triggers")).singleElement().asString().contains("transactions_next_expiry_hint");
		assertThat(again.sequences()).isEqualTo(live.sequences());
		assertThat(restored.queryForObject("select max(id) <= (select last_value from audit_log_id_seq) "
				+ "from audit_log", Boolean.class)).as("the next audit_log id is unused").isTrue();
		assertThat(privileges(restored, appRole)).containsExactly("accounts SELECT true, UPDATE true",
				"events SELECT true, UPDATE false", "relay_offsets SELECT false, UPDATE false");
		assertThat(stagedJdbc.queryForObject("select count(*) from pg_namespace where nspname = 'read_model'",
				Long.class)).isEqualTo(1);
		assertThat(restored.queryForObject("select count(*) from pg_namespace where nspname like 'read_model%'",
				Long.class)).isZero();
		// What makes the relay refuse after a restore (docs/operations.md): offsets stored, their slot not there.
		assertThat(restored.queryForList("select distinct store_name from relay_offsets o where not exists "
				+ "(select from pg_replication_slots s where s.slot_name = o.store_name)", String.class)).isNotEmpty();

		// 3. Its totals are what its events say, and what the live server says.
		Map<String, List<BigDecimal>> recomputed = foldPostings(restoredEvents(restored));
		Map<String, List<BigDecimal>> stored = new TreeMap<>();
		writeSideAccounts(restored).forEach((code, row) -> stored.put(code, row.subList(0, 4)));
		assertThat(recomputed).isEqualTo(stored);
		assertThat(writeSideAccounts(restored)).isEqualTo(writeSideAccounts(jdbc)).hasSize(4);
		assertThat(recomputed.get("cash").get(0)).isPositive();
		assertThat(recomputed.get("bank").get(0)).isPositive();

		// 4. A read model rebuilt from the restored database alone equals the live one.
		String topic = "test.restore." + UUID.randomUUID().toString().substring(0, 8);
		// Created up front with the event log's partition count: left to auto-creation, the producer could write the
		// first events to a one-partition topic that the projector then widens, splitting a ledger across partitions.
		io.laas.infra.KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 12, (short) 1,
				java.util.Map.of());
		try (ConfigurableApplicationContext projector = projectorOn(server.jdbcUrl("laas_restored"), topic)) {
			publish(topic, restoredEvents(restored));
			await().atMost(DEADLINE)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> lastProjected(restored) == lastSequence);
		}
		assertThat(readModelAccounts(restored)).isEqualTo(readModelAccounts(jdbc)).hasSize(4);
		assertThat(readModelTransactions(restored)).isEqualTo(readModelTransactions(jdbc)).isNotEmpty();
	}

	/** Posted, pending (posted or voided later) and reversed transactions; returns the ledger's last sequence. */
	private long workload(Random random) {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		openAccount("bank", "asset");
		openAccount("payable", "liability");
		List<String> sales = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			Response sale = post("/v1/transactions", sale("sale-" + i, amount(random)));
			assertThat(sale.status()).as(sale.body()).isEqualTo(201);
			sales.add(sale.json().path("id").asString());
		}
		for (int i = 0; i < 6; i++) {
			Response pending = post("/v1/transactions", """
					{"status": "pending", "postings": [
					  {"account_code": "bank", "direction": "debit", "amount": "%1$s"},
					  {"account_code": "payable", "direction": "credit", "amount": "%1$s"}]}
					""".formatted(amount(random)));
			assertThat(pending.status()).as(pending.body()).isEqualTo(201);
			String id = pending.json().path("id").asString();
			if (i % 3 == 0) {
				continue;
			}
			Response settled = post("/v1/transactions/" + id + (i % 3 == 1 ? "/post" : "/void"), "{}");
			assertThat(settled.status()).as(settled.body()).isBetween(200, 201);
		}
		for (int i = 0; i < 3; i++) {
			Response reversed = post("/v1/transactions/" + sales.get(i * 5) + "/reverse", "{}");
			assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
		}
		// An IAM change too: audit_log's rows and its id sequence, which a restore must carry forward.
		auditLog.record(ledger.orgId(), null, "backup-restore-test", "ledger.backed_up", ledger.id().toString(),
				Map.of());
		return jdbc.queryForObject("select max(sequence) from events where ledger_id = ?", Long.class, ledger.id());
	}

	private static String amount(Random random) {
		return BigDecimal.valueOf(1 + random.nextInt(99_999), 2).toPlainString();
	}

	private long lastProjected(JdbcTemplate on) {
		List<Long> found = on.queryForList("select last_sequence from read_model.ledger_progress where ledger_id = ?",
				Long.class, ledger.id());
		return found.isEmpty() ? 0 : found.get(0);
	}

	/** Every table of {@code public} as binary COPY, and every sequence's state, from one snapshot. */
	private record Snapshot(Map<String, byte[]> tables, Map<String, String> sequences) {
	}

	private static Snapshot snapshot(String url, String user, String password) throws Exception {
		Map<String, byte[]> tables = new LinkedHashMap<>();
		Map<String, String> sequences = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set transaction isolation level repeatable read, read only");
			}
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (String name : names(connection, "select table_name from information_schema.tables where "
					+ "table_schema = 'public' and table_type = 'BASE TABLE' order by table_name")) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				copy.copyOut("copy public." + name + " to stdout (format binary)", out);
				tables.put(name, out.toByteArray());
			}
			for (String name : names(connection,
					"select sequencename from pg_sequences where schemaname = 'public' order by 1")) {
				sequences.put(name, names(connection, "select last_value || ' ' || is_called from public." + name)
					.get(0));
			}
			connection.commit();
		}
		return new Snapshot(tables, sequences);
	}

	private static List<String> names(Connection connection, String query) throws Exception {
		List<String> names = new ArrayList<>();
		try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(query)) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	/** Flyway's history is the one thing of {@code public} that staging writes itself (its migrations ran there). */
	private static Map<String, byte[]> withoutFlywayHistory(Map<String, byte[]> tables) {
		Map<String, byte[]> rest = new LinkedHashMap<>(tables);
		rest.remove("flyway_schema_history");
		return rest;
	}

	/**
	 * command-api's and the projector's migrations, then, with {@code session_replication_role = replica} (triggers
	 * off, as {@code pg_restore --disable-triggers}), the live rows and sequence values in one transaction.
	 */
	private static void stage(DriverManagerDataSource target, String appRole, Snapshot live) throws Exception {
		Flyway.configure()
			.dataSource(target)
			.locations("classpath:db/migration")
			.initSql("set laas.app_role to '" + appRole + "'")
			.load()
			.migrate();
		ReadModelSchema.migrate(target, ReadModelSchema.SCHEMA);
		Map<String, byte[]> rows = withoutFlywayHistory(live.tables());
		try (Connection connection = target.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local session_replication_role = replica");
				statement.execute("truncate " + String.join(", ", rows.keySet().stream().map((t) -> "public." + t)
					.toList()));
			}
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (Map.Entry<String, byte[]> table : rows.entrySet()) {
				copy.copyIn("copy public." + table.getKey() + " from stdin (format binary)",
						new ByteArrayInputStream(table.getValue()));
			}
			try (Statement statement = connection.createStatement()) {
				for (Map.Entry<String, String> sequence : live.sequences().entrySet()) {
					String[] state = sequence.getValue().split(" ");
					statement.execute("select setval('public." + sequence.getKey() + "', " + state[0] + ", "
							+ state[1] + ")");
				}
			}
			connection.commit();
		}
	}

	/**
	 * What a dump must carry besides rows, each as sorted text: enough to compare a restored database with its
	 * source object by object.
	 */
	private static Map<String, List<String>> catalog(JdbcTemplate on) {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("columns", "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
				+ "|| ' ' || coalesce(column_default, '') from information_schema.columns where table_schema = 'public'");
		queries.put("constraints", "select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
				+ "from pg_constraint where connamespace = 'public'::regnamespace");
		queries.put("indexes", "select indexdef from pg_indexes where schemaname = 'public'");
		queries.put("row-level security", "select relname from pg_class where relnamespace = 'public'::regnamespace "
				+ "and relrowsecurity");
		queries.put("forced row-level security", "select relname from pg_class "
				+ "where relnamespace = 'public'::regnamespace and relforcerowsecurity");
		queries.put("policies", "select tablename || ' ' || policyname || ' ' || permissive || ' ' || cmd || ' ' "
				+ "|| roles::text || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies "
				+ "where schemaname = 'public'");
		queries.put("triggers", "select pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = "
				+ "t.tgrelid where c.relnamespace = 'public'::regnamespace and not t.tgisinternal");
		queries.put("functions", "select oid::regprocedure || ' ' || md5(prosrc) from pg_proc "
				+ "where pronamespace = 'public'::regnamespace");
		queries.put("grants", "select c.relname || ' ' || a.grantee::regrole || ' ' || a.privilege_type "
				+ "from pg_class c, aclexplode(c.relacl) a where c.relnamespace = 'public'::regnamespace");
		queries.put("default privileges", "select d.defaclobjtype::text || ' ' || a.grantee::regrole || ' ' "
				+ "|| a.privilege_type from pg_default_acl d, aclexplode(d.defaclacl) a "
				+ "where d.defaclnamespace = 'public'::regnamespace");
		queries.put("publication", "select pubname || ' ' || schemaname || '.' || tablename from pg_publication_tables");
		queries.put("publication actions", "select pubname || ' ' || pubinsert || pubupdate || pubdelete || pubtruncate "
				+ "|| puballtables from pg_publication");
		Map<String, List<String>> catalog = new LinkedHashMap<>();
		queries.forEach((name, query) -> catalog.put(name, on.queryForList(query + " order by 1", String.class)));
		catalog.forEach((name, rows) -> assertThat(rows).as(name).isNotEmpty());
		return catalog;
	}

	/** What the application role may do on three telling tables: DML, append-only, nothing. */
	private static List<String> privileges(JdbcTemplate on, String role) {
		return on.queryForList("select t || ' SELECT ' || has_table_privilege(?, 'public.' || t, 'SELECT') "
				+ "|| ', UPDATE ' || has_table_privilege(?, 'public.' || t, 'UPDATE') "
				+ "from unnest(array['accounts', 'events', 'relay_offsets']) t order by 1", String.class, role, role);
	}

	private static int majorVersion(JdbcTemplate on) {
		return on.queryForObject("select current_setting('server_version_num')::int / 10000", Integer.class);
	}

	/** The live (PostgreSQL 17) database as a libpq URI. */
	private static String liveUri() {
		return "postgresql://" + TestInfra.get().postgres().user() + ":" + TestInfra.get().postgres().password()
				+ "@127.0.0.1:" + TestInfra.get().postgres().port() + "/" + LocalPostgres.DATABASE;
	}

	private static DriverManagerDataSource dataSource(String database) {
		return new DriverManagerDataSource(server.jdbcUrl(database), DebianPostgres.SUPERUSER, "");
	}

	/** Size and SHA-256 of a table's COPY output: equal iff the bytes are (and a failure stays readable). */
	private static String digest(byte[] rows) {
		try {
			return rows.length + " bytes, sha256 " + java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(rows));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Per account code: debits/credits posted, debits/credits pending, version. */
	private Map<String, List<BigDecimal>> writeSideAccounts(JdbcTemplate on) {
		Map<String, List<BigDecimal>> accounts = new TreeMap<>();
		on.query("select code, debits_posted, credits_posted, debits_pending, credits_pending, version "
				+ "from public.accounts where ledger_id = ?", (row) -> {
					accounts.put(row.getString(1), List.of(norm(row.getBigDecimal(2)), norm(row.getBigDecimal(3)),
							norm(row.getBigDecimal(4)), norm(row.getBigDecimal(5)), BigDecimal.valueOf(row.getLong(6))));
				}, ledger.id());
		return accounts;
	}

	/** The read model's rows as text, exactly: the same numerics with the same scale. */
	private Map<String, String> readModelAccounts(JdbcTemplate on) {
		Map<String, String> accounts = new TreeMap<>();
		on.query("select code, concat_ws('|', account_id, type, debits_posted, credits_posted, debits_pending, "
				+ "credits_pending, last_sequence) from read_model.accounts where ledger_id = ?",
				(row) -> {
					accounts.put(row.getString(1), row.getString(2));
				}, ledger.id());
		return accounts;
	}

	private Map<String, String> readModelTransactions(JdbcTemplate on) {
		Map<String, String> transactions = new TreeMap<>();
		on.query("select transaction_id::text, concat_ws('|', sequence, status, postings::text, recorded_at, "
				+ "reverses_transaction_id, reversed_by_transaction_id) from read_model.transactions "
				+ "where ledger_id = ?", (row) -> {
					transactions.put(row.getString(1), row.getString(2));
				}, ledger.id());
		return transactions;
	}

	private List<EventEnvelope> restoredEvents(JdbcTemplate restored) {
		return restored.query("select id, event_type, schema_version, ledger_id, sequence, aggregate_type, "
				+ "aggregate_id, occurred_at, recorded_at, payload::text from events where ledger_id = ? order by sequence",
				(row, n) -> new EventEnvelope(row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
						row.getObject(4, UUID.class), row.getLong(5), row.getString(6), row.getString(7),
						row.getObject(8, java.time.OffsetDateTime.class).toInstant(),
						row.getObject(9, java.time.OffsetDateTime.class).toInstant(),
						EventSerde.payloadFromJson(row.getString(2), row.getInt(3), row.getString(10))),
				ledger.id());
	}

	/** Debits/credits posted and pending per account, from the postings the events carry. */
	private static Map<String, List<BigDecimal>> foldPostings(List<EventEnvelope> events) {
		Map<String, BigDecimal[]> totals = new TreeMap<>();
		for (EventEnvelope envelope : events) {
			LedgerEvent event = envelope.payload();
			if (event instanceof io.laas.events.AccountCreated created) {
				totals.putIfAbsent(created.code(), zeros());
			}
			else if (event instanceof TransactionPosted posted) {
				add(totals, posted.postings(), 0, BigDecimal.ONE);
			}
			else if (event instanceof TransactionReversed reversed) {
				add(totals, reversed.postings(), 0, BigDecimal.ONE);
			}
			else if (event instanceof TransactionPending pending) {
				add(totals, pending.postings(), 2, BigDecimal.ONE);
			}
			else if (event instanceof TransactionPostedFromPending fromPending) {
				add(totals, fromPending.postings(), 0, BigDecimal.ONE);
				add(totals, fromPending.releasedPostings(), 2, BigDecimal.ONE.negate());
			}
			else if (event instanceof TransactionVoided voided) {
				add(totals, voided.releasedPostings(), 2, BigDecimal.ONE.negate());
			}
		}
		Map<String, List<BigDecimal>> result = new TreeMap<>();
		totals.forEach((code, t) -> result.put(code, List.of(norm(t[0]), norm(t[1]), norm(t[2]), norm(t[3]))));
		return result;
	}

	private static BigDecimal[] zeros() {
		return new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
	}

	/** {@code offset} 0: posted totals, 2: pending totals; debit first, then credit. */
	private static void add(Map<String, BigDecimal[]> totals, List<Posting> postings, int offset, BigDecimal sign) {
		for (Posting posting : postings) {
			BigDecimal[] t = totals.computeIfAbsent(posting.accountCode(), (code) -> zeros());
			int slot = offset + (posting.direction() == io.laas.events.Direction.DEBIT ? 0 : 1);
			t[slot] = t[slot].add(posting.amount().multiply(sign));
		}
	}

	private static BigDecimal norm(BigDecimal value) {
		return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
	}

	/** A second projector, on the restored database and a topic of its own. */
	private static ConfigurableApplicationContext projectorOn(String url, String topic) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return new SpringApplicationBuilder(ProjectorApplication.class).web(WebApplicationType.NONE)
			.properties(ProjectorApplication.defaults())
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + DebianPostgres.SUPERUSER,
					"--spring.datasource.password=", "--laas.events.topic=" + topic,
					"--laas.projector.group-id=restore-" + suffix, "--laas.projector.client-id=restore-" + suffix,
					"--laas.projector.consumers=1");
	}

	private static void publish(String topic, List<EventEnvelope> events) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new ByteArraySerializer())) {
			for (EventEnvelope event : events) {
				producer.send(new ProducerRecord<>(topic, event.ledgerId().toString(), EventSerde.toBytes(event)));
			}
			producer.flush();
		}
	}

}
