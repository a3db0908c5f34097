package io.laas.command;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
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

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;
import io.laas.infra.TestInfra;
import io.laas.projector.ProjectorApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/operations.md, "Backup and restore": back up the write side ({@code public}), restore it into a fresh
 * database, rebuild the read model from the restored events, and get the same balances.
 *
 * <p>A workload of posted, pending (then posted or voided) and reversed transactions goes through the API and is
 * projected by the real projector. Then:
 * <ol>
 * <li><b>Backup</b>: every table of {@code public} is copied out with {@code COPY ... TO STDOUT (FORMAT binary)} inside
 * one {@code REPEATABLE READ READ ONLY} transaction: one consistent snapshot, the rows {@code pg_dump -n public}
 * carries. Not {@code pg_dump} itself: the test server is zonky's PostgreSQL 17, whose bundle holds only
 * {@code initdb}, {@code pg_ctl} and {@code postgres}, and the machine's Debian client is {@code pg_dump} 15, which
 * refuses to dump a server of a newer major version. So the schema part of the dump is played by command-api's own
 * Flyway migrations (the schema pg_dump would carry is the one they build) and the data part by binary COPY.</li>
 * <li><b>Restore</b> into a new database: migrations, then, with {@code session_replication_role = replica} (what
 * {@code pg_restore --disable-triggers} does), the rows copied back in one transaction.</li>
 * <li><b>Proof</b>: the restored accounts equal the original ones (the four totals and the version of every account of
 * the ledger); the totals recomputed by folding the restored events' postings equal the restored accounts; and a
 * read model rebuilt from the restored database alone (its events published to a new topic, a second projector
 * projecting them into the restored database's {@code read_model}) equals the live read model account by account
 * and transaction by transaction.</li>
 * </ol>
 */
class BackupRestoreTest extends ApiTestSupport {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	@Test
	void restoredPublicSchema_replayedIntoAFreshReadModel_givesIdenticalBalances() throws Exception {
		long lastSequence = workload(new Random(20261124L));
		RunningProjector.ensureStarted();
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> lastProjected(jdbc) == lastSequence);

		Map<String, byte[]> backup = dumpPublic(TestInfra.get().jdbcUrl());
		assertThat(backup).containsKeys("events", "accounts", "transactions", "ledgers");

		String database = "laas_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		jdbc.execute("create database " + database);
		try {
			DriverManagerDataSource restoredSource = new DriverManagerDataSource(restoredUrl(database),
					TestInfra.get().postgres().user(), TestInfra.get().postgres().password());
			JdbcTemplate restored = new JdbcTemplate(restoredSource);
			restore(restoredSource, backup);

			// 1. The write side came back as it was: every table, row for row, and the ledger's accounts.
			Map<String, byte[]> again = dumpPublic(restoredUrl(database));
			assertThat(again.keySet()).isEqualTo(backup.keySet());
			backup.forEach((table, rows) -> assertThat(digest(again.get(table))).as(table).isEqualTo(digest(rows)));
			assertThat(restored.queryForList("select id::text || status || postings::text from transactions "
					+ "where ledger_id = ? order by id", String.class, ledger.id()))
				.isEqualTo(jdbc.queryForList("select id::text || status || postings::text from transactions "
						+ "where ledger_id = ? order by id", String.class, ledger.id()))
				.hasSize(30 + 3);
			assertThat(writeSideAccounts(restored)).isEqualTo(writeSideAccounts(jdbc)).hasSize(4);
			assertThat(restored.queryForObject("select count(*) from events where ledger_id = ?", Long.class,
					ledger.id())).isEqualTo(lastSequence);

			// 2. Its totals are what its events say.
			Map<String, List<BigDecimal>> recomputed = foldPostings(restoredEvents(restored));
			Map<String, List<BigDecimal>> stored = new TreeMap<>();
			writeSideAccounts(restored).forEach((code, row) -> stored.put(code, row.subList(0, 4)));
			assertThat(recomputed).isEqualTo(stored);
			assertThat(recomputed.get("cash").get(0)).isPositive();
			assertThat(recomputed.get("bank").get(0)).isPositive();

			// 3. A read model rebuilt from the restored database alone equals the live one.
			String topic = "test.restore." + UUID.randomUUID().toString().substring(0, 8);
			// Created up front with the event log's partition count: left to auto-creation, the producer could write the
			// first events to a one-partition topic that the projector then widens, splitting a ledger across partitions.
			io.laas.infra.KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 12, (short) 1,
					java.util.Map.of());
			try (ConfigurableApplicationContext projector = projectorOn(database, topic)) {
				publish(topic, restoredEvents(restored));
				await().atMost(DEADLINE)
					.pollInterval(Duration.ofMillis(100))
					.until(() -> lastProjected(restored) == lastSequence);
			}
			assertThat(readModelAccounts(restored)).isEqualTo(readModelAccounts(jdbc)).hasSize(4);
			assertThat(readModelTransactions(restored)).isEqualTo(readModelTransactions(jdbc)).isNotEmpty();
		}
		finally {
			jdbc.execute("drop database if exists " + database + " with (force)");
		}
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

	/** Every table of {@code public} (but Flyway's history, which the restore's migrations write), one snapshot. */
	private static Map<String, byte[]> dumpPublic(String url) throws Exception {
		Map<String, byte[]> tables = new LinkedHashMap<>();
		try (Connection connection = ownerConnection(url)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set transaction isolation level repeatable read, read only");
			}
			List<String> names = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					var rows = statement.executeQuery("select table_name from information_schema.tables where "
							+ "table_schema = 'public' and table_type = 'BASE TABLE' "
							+ "and table_name <> 'flyway_schema_history' order by table_name")) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (String name : names) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				copy.copyOut("copy public." + name + " to stdout (format binary)", out);
				tables.put(name, out.toByteArray());
			}
			connection.commit();
		}
		return tables;
	}

	private static void restore(DriverManagerDataSource target, Map<String, byte[]> backup) throws Exception {
		Flyway.configure()
			.dataSource(target)
			.locations("classpath:db/migration")
			.initSql("set laas.app_role to '" + TestInfra.get().postgres().appUser() + "'")
			.load()
			.migrate();
		try (Connection connection = target.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local session_replication_role = replica");
				statement.execute("truncate " + String.join(", ", backup.keySet().stream().map((t) -> "public." + t)
					.toList()));
			}
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (Map.Entry<String, byte[]> table : backup.entrySet()) {
				copy.copyIn("copy public." + table.getKey() + " from stdin (format binary)",
						new ByteArrayInputStream(table.getValue()));
			}
			connection.commit();
		}
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

	private static Connection ownerConnection(String url) throws Exception {
		return DriverManager.getConnection(url, TestInfra.get().postgres().user(), TestInfra.get().postgres().password());
	}

	private static String restoredUrl(String database) {
		String url = TestInfra.get().jdbcUrl();
		return url.substring(0, url.lastIndexOf('/') + 1) + database;
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
	private static ConfigurableApplicationContext projectorOn(String database, String topic) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return new SpringApplicationBuilder(ProjectorApplication.class).web(WebApplicationType.NONE)
			.properties(ProjectorApplication.defaults())
			.run("--spring.datasource.url=" + restoredUrl(database), "--laas.events.topic=" + topic,
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
