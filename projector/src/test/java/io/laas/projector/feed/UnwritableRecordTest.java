package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;

/**
 * A record that reads fine but that the database refuses to store (a poison: PostgreSQL has no year 0) halts its
 * ledger at that record, like a gap: what came before it is applied once, its partition is committed up to it and
 * held, other partitions go on, and the halt shows in {@code ledger_progress} and the halted-ledgers meter. A
 * refusal that goes away (a fixed projector) lets the ledger resume by itself; a transient failure is still retried
 * as a whole batch and halts nothing.
 *
 * <p>The last two provoke the database's answer with a trigger on {@code read_model.accounts} that raises a chosen
 * SQLState for the ledgers listed in a switch table of this class (removed afterwards).
 */
@ExtendWith(InfraExtension.class)
class UnwritableRecordTest {

	private static final int PARTITIONS = 12;

	private static final Instant YEAR_ZERO = Instant.parse("0000-01-01T00:00:00Z");

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	private static final String SWITCH = "public.refuse_" + SUFFIX;

	private static final String ATTEMPTS = "public.refused_" + SUFFIX;

	private static final String FUNCTION = "public.refuse_" + SUFFIX + "_fn";

	private static final String TRIGGER = "refuse_" + SUFFIX;

	private static ReadModelDb db;

	@BeforeAll
	static void installSwitch() {
		db = new ReadModelDb();
		db.jdbc().execute("create table " + SWITCH + " (ledger_id uuid primary key, errcode text not null)");
		db.jdbc().execute("create sequence " + ATTEMPTS);
		db.jdbc().execute("create function " + FUNCTION + "() returns trigger language plpgsql as $$\n"
				+ "declare code text;\n"
				+ "begin\n"
				+ "  select errcode into code from " + SWITCH + " where ledger_id = new.ledger_id;\n"
				+ "  if code is not null and new.code = 'sales' then\n"
				+ "    perform nextval('" + ATTEMPTS + "');\n"
				+ "    raise exception 'refused by the test switch' using errcode = code;\n"
				+ "  end if;\n"
				+ "  return new;\n"
				+ "end $$");
	}

	/** After a projector started: its Flyway creates {@code read_model}. */
	private static void installTrigger() {
		db.jdbc().execute("create or replace trigger " + TRIGGER + " before insert on read_model.accounts for each row "
				+ "execute function " + FUNCTION + "()");
	}

	@AfterAll
	static void removeSwitch() {
		db.jdbc().execute("drop trigger if exists " + TRIGGER + " on read_model.accounts");
		db.jdbc().execute("drop function if exists " + FUNCTION + "()");
		db.jdbc().execute("drop sequence if exists " + ATTEMPTS);
		db.jdbc().execute("drop table if exists " + SWITCH);
	}

	@Test
	void recordTheDatabaseRefuses_haltsItsLedgerThere_afterApplyingWhatCameBefore_andOtherPartitionsGoOn()
			throws Exception {
		String topic = Projectors.uniqueTopic("poison");
		String group = "poison-" + UUID.randomUUID();
		LedgerScript poisoned = new LedgerScript();
		int partition = partitionOf(poisoned.ledgerId());
		LedgerScript neighbour = new LedgerScript(ledgerIn(partition, true));
		LedgerScript elsewhere = new LedgerScript(ledgerIn(partition, false));
		poisoned.open("cash", "asset", "USD");
		poisoned.open("sales", "revenue", "USD");
		poisoned.post(UUID.randomUUID(), "cash", "sales", "5.00");
		for (LedgerScript ledger : List.of(neighbour, elsewhere)) {
			ledger.open("cash", "asset", "USD");
			ledger.open("sales", "revenue", "USD");
			ledger.post(UUID.randomUUID(), "cash", "sales", "1.00");
			ledger.post(UUID.randomUUID(), "cash", "sales", "2.00");
		}
		EventEnvelope poison = recordedAt(poisoned.events().get(1), YEAR_ZERO);

		// Everything is on the topic before the projector starts, so that the poison arrives amid a batch.
		createTopic(topic);
		RecordMetadata poisonAt;
		try (Publisher publisher = new Publisher(topic)) {
			// One partition: A1, B1, B2, B3, A2 (poison), A3, B4; then another partition's ledger.
			publisher.send(poisoned.events().get(0));
			publisher.sendAll(neighbour.events().subList(0, 3));
			poisonAt = publisher.send(poison);
			publisher.send(poisoned.events().get(2));
			publisher.send(neighbour.events().get(3));
			publisher.sendAll(elsewhere.events());
		}
		ConfigurableApplicationContext projector = Projectors.start(topic, group);
		try {

			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> db.lastSequence(elsewhere.ledgerId()) == 4 && haltedSequence(poisoned.ledgerId()) != null);

			Map<String, Object> progress = db.row("select last_sequence, halted_sequence, halted_reason "
					+ "from read_model.ledger_progress where ledger_id = ?", poisoned.ledgerId());
			assertThat(progress.get("last_sequence")).isEqualTo(1L);
			assertThat(progress.get("halted_sequence")).isEqualTo(2L);
			assertThat((String) progress.get("halted_reason")).contains(poison.eventId().toString())
				.contains("sequence 2")
				.contains("22008")
				.contains("out of range");
			assertThat(db.count("select count(*) from read_model.accounts where ledger_id = ?", poisoned.ledgerId()))
				.isEqualTo(1);
			// The neighbour's events before the poison are in, once; the one behind it waits with the partition.
			assertThat(db.lastSequence(neighbour.ledgerId())).isEqualTo(3);
			assertThat(db.totalsText(neighbour.ledgerId(), "cash")).containsExactly("1.00", "0", "0", "0");
			assertThat(db.count("select count(*) from read_model.postings where ledger_id = ?", neighbour.ledgerId()))
				.isEqualTo(2);
			assertThat(db.totalsText(elsewhere.ledgerId(), "cash")).containsExactly("3.00", "0", "0", "0");
			assertThat(gauge(projector, "laas.projector.halted.ledgers")).isEqualTo(1.0);

			TopicPartition held = new TopicPartition(topic, poisonAt.partition());
			await().atMost(Duration.ofSeconds(10)).until(() -> committed(group, held) == poisonAt.offset());
			assertThat(committed(group, new TopicPartition(topic, partitionOf(elsewhere.ledgerId())))).isEqualTo(4);
		}
		finally {
			projector.close();
		}
	}

	@Test
	void refusedLedger_resumesByItself_onceTheRecordCanBeWritten() {
		String topic = Projectors.uniqueTopic("poison-fixed");
		LedgerScript refused = new LedgerScript();
		LedgerScript neighbour = new LedgerScript(ledgerIn(partitionOf(refused.ledgerId()), true));
		for (LedgerScript ledger : List.of(refused, neighbour)) {
			ledger.open("cash", "asset", "USD");
			ledger.open("sales", "revenue", "USD");
			ledger.post(UUID.randomUUID(), "cash", "sales", "4.00");
		}
		refuse(refused.ledgerId(), "23514");

		ConfigurableApplicationContext projector = Projectors.start(topic, "poison-fixed-" + UUID.randomUUID(),
				"--laas.projector.halt-retry-ms=300");
		installTrigger();
		try (Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(Publisher.interleave(List.of(refused, neighbour)));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> haltedSequence(refused.ledgerId()) != null);
			assertThat(db.lastSequence(refused.ledgerId())).isEqualTo(1);
			assertThat(db.row("select halted_reason from read_model.ledger_progress where ledger_id = ?",
					refused.ledgerId()).get("halted_reason"))
				.asString()
				.contains(refused.events().get(1).eventId().toString())
				.contains("23514 ")
				.contains("refused by the test switch");

			// A fixed projector: the refusal is gone. The held partition is looked at again and goes on.
			db.jdbc().update("delete from " + SWITCH + " where ledger_id = ?", refused.ledgerId());
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> db.lastSequence(refused.ledgerId()) == 3 && db.lastSequence(neighbour.ledgerId()) == 3);
			assertThat(haltedSequence(refused.ledgerId())).isNull();
			assertThat(db.totalsText(refused.ledgerId(), "cash")).containsExactly("4.00", "0", "0", "0");
			assertThat(db.totalsText(neighbour.ledgerId(), "cash")).containsExactly("4.00", "0", "0", "0");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> gauge(projector, "laas.projector.halted.ledgers") == 0.0);
		}
		finally {
			projector.close();
		}
	}

	@Test
	void transientFailure_retriesTheWholeBatch_andHaltsNothing() {
		String topic = Projectors.uniqueTopic("transient");
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		ledger.post(UUID.randomUUID(), "cash", "sales", "6.00");
		refuse(ledger.ledgerId(), "40001");
		long attemptsBefore = attempts();

		ConfigurableApplicationContext projector = Projectors.start(topic, "transient-" + UUID.randomUUID(),
				"--laas.projector.error-backoff-ms=100");
		installTrigger();
		try (Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(ledger.events());
			// Serialization failures: the whole batch is rolled back and read again, more than once.
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> attempts() >= attemptsBefore + 3);
			assertThat(db.lastSequence(ledger.ledgerId())).isZero();
			assertThat(haltedSequence(ledger.ledgerId())).isNull();
			assertThat(gauge(projector, "laas.projector.halted.ledgers")).isZero();

			db.jdbc().update("delete from " + SWITCH + " where ledger_id = ?", ledger.ledgerId());
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> db.lastSequence(ledger.ledgerId()) == 3);
			assertThat(haltedSequence(ledger.ledgerId())).isNull();
			assertThat(db.totalsText(ledger.ledgerId(), "cash")).containsExactly("6.00", "0", "0", "0");
		}
		finally {
			projector.close();
		}
	}

	private static void createTopic(String topic) throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
		}
	}

	private static void refuse(UUID ledgerId, String sqlState) {
		db.jdbc().update("insert into " + SWITCH + " (ledger_id, errcode) values (?, ?)", ledgerId, sqlState);
	}

	/** How many times the switch refused a row (a sequence: not rolled back with the refused transaction). */
	private static long attempts() {
		return db.jdbc().queryForObject("select case when is_called then last_value else 0 end from " + ATTEMPTS,
				Long.class);
	}

	private static EventEnvelope recordedAt(EventEnvelope event, Instant recordedAt) {
		return new EventEnvelope(event.eventId(), event.eventType(), event.schemaVersion(), event.ledgerId(),
				event.sequence(), event.aggregateType(), event.aggregateId(), event.occurredAt(), recordedAt,
				event.payload());
	}

	private static Long haltedSequence(UUID ledgerId) {
		var rows = db.rows("select halted_sequence from read_model.ledger_progress where ledger_id = ?", ledgerId);
		return rows.isEmpty() ? null : (Long) rows.get(0).get("halted_sequence");
	}

	private static double gauge(ConfigurableApplicationContext projector, String name) {
		return projector.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	private static long committed(String group, TopicPartition partition) throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return (offset == null) ? -1 : offset.offset();
		}
	}

	/** Kafka's default partitioner for a string key: murmur2 of its bytes. */
	private static int partitionOf(UUID ledgerId) {
		byte[] key = ledgerId.toString().getBytes(StandardCharsets.UTF_8);
		return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
	}

	private static UUID ledgerIn(int partition, boolean same) {
		while (true) {
			UUID candidate = UUID.randomUUID();
			if ((partitionOf(candidate) == partition) == same) {
				return candidate;
			}
		}
	}

}
