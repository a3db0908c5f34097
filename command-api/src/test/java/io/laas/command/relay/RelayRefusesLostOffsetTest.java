package io.laas.command.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.laas.command.ApiTestSupport;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.TransactionPosted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: when the replication slot the relay's stored offsets belong to is gone (dropped by hand, or by a
 * failover to a replica without it), Debezium would quietly create a new slot and stream from "now", skipping
 * every event committed in between. The relay must refuse to start instead, say why, publish nothing, and start
 * again only after the operator's documented action (docs/operations.md: delete the slot's {@code relay_offsets}
 * rows), which makes it re-snapshot the events table, so the events of the gap reach Kafka after all. The same
 * when the slot was dropped and recreated under its name (it then exists, but starts beyond the stored offset);
 * and an ordinary stop and restart must not be refused.
 *
 * <p>Runs a relay of its own (own slot, own topic) next to the test application's relay.
 */
class RelayRefusesLostOffsetTest extends ApiTestSupport {

	@Autowired
	DataSourceProperties dataSource;

	@Autowired
	KafkaProperties kafka;

	/** The application's own relay: stopped meanwhile, as two Debezium engines in one JVM share JMX names. */
	@Autowired
	EventRelay applicationRelay;

	@Test
	void relay_refusesToStart_whenItsSlotIsGoneButOffsetsAreStored_andResumesOnlyAfterTheOperatorClearsThem()
			throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String slot = "laas_relay_lost_" + suffix;
		String topic = "laas.relay-lost-test-" + suffix;
		String bootstrap = String.join(",", kafka.getBootstrapServers());
		createTopic(bootstrap, topic);
		RelaySettings settings = new RelaySettings(true, slot, "laas_events", topic, 10L, 200L, 200L, 10_000L);
		Messages messages = Messages.attach();
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		UUID before = posted("before-the-gap");

		applicationRelay.stop();
		EventRelay first = new EventRelay(settings, dataSource, kafka, new SimpleMeterRegistry());
		EventRelay second = null;
		try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic)) {
			first.start();
			await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> seen(consumer, before));
			await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsets(slot) > 0);
			first.stop();
			await().atMost(Duration.ofSeconds(30)).until(() -> slotActive(slot) == Boolean.FALSE);

			// The slot disappears; events keep being committed.
			jdbc.queryForObject("select pg_drop_replication_slot(?)::text", String.class, slot);
			UUID inTheGap = posted("in-the-gap");

			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			second = new EventRelay(settings, dataSource, kafka, meters);
			second.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> messages.containing("refuses to start", slot) > 1);
			String refusal = messages.list.stream().filter(m -> m.contains("refuses to start") && m.contains(slot)).findFirst()
				.orElseThrow();
			assertThat(refusal).contains("ERROR")
				.contains("replication slot " + slot + " is gone but offsets are stored for it")
				.contains("docs/operations.md");
			// While it refuses (it retries every leader-retry-ms and refuses each time): no new slot, nothing sent.
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
				.until(() -> slotActive(slot) == null && published(meters) == 0);
			assertThat(slotActive(slot)).as("a new slot would mean streaming from now").isNull();
			assertThat(seen(consumer, inTheGap)).isFalse();

			// The documented way out: delete the slot's stored offsets; the relay snapshots the events table again.
			jdbc.update("delete from relay_offsets where store_name = ?", slot);
			await().pollInSameThread().atMost(Duration.ofSeconds(90)).until(() -> seen(consumer, inTheGap));
			// The counter moves once every acknowledgement is in, a moment after a consumer may already see the record.
			await().atMost(Duration.ofSeconds(10)).until(() -> published(meters) > 0);
			System.out.println("relay lost offset: refused " + messages.containing("refuses to start", slot)
					+ " times, then re-published " + (long) published(meters) + " events after the offsets were cleared");
		}
		finally {
			stopAndCleanUp(slot, topic, bootstrap, messages, first, second);
		}
	}

	/**
	 * The recreated-slot case: the slot exists again, so the "slot is gone" check passes, but it starts at the end
	 * of the WAL of the moment it was recreated. Debezium's default would stream from there and skip the event
	 * committed while there was no slot; the relay compares the slot's confirmed_flush_lsn with the stored offset's
	 * LSNs and refuses.
	 */
	@Test
	void relay_refusesToStart_whenItsSlotWasDroppedAndRecreated_andPublishesTheGapOnlyAfterTheOperatorClearsOffsets()
			throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String slot = "laas_relay_recreated_" + suffix;
		String topic = "laas.relay-recreated-test-" + suffix;
		String bootstrap = String.join(",", kafka.getBootstrapServers());
		createTopic(bootstrap, topic);
		RelaySettings settings = new RelaySettings(true, slot, "laas_events", topic, 10L, 200L, 200L, 10_000L);
		Messages messages = Messages.attach();
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		UUID before = posted("before-the-drop");

		applicationRelay.stop();
		EventRelay first = new EventRelay(settings, dataSource, kafka, new SimpleMeterRegistry());
		EventRelay second = null;
		try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic)) {
			first.start();
			await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> seen(consumer, before));
			await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsets(slot) > 0);
			first.stop();
			await().atMost(Duration.ofSeconds(30)).until(() -> slotActive(slot) == Boolean.FALSE);
			long storedLsn = storedLsnMax(slot);

			// Dropped, an event committed while there is no slot, recreated under the same name, one more event.
			jdbc.queryForObject("select pg_drop_replication_slot(?)::text", String.class, slot);
			UUID inTheGap = posted("while-there-is-no-slot");
			String recreatedAt = jdbc.queryForObject(
					"select lsn::text from pg_create_logical_replication_slot(?, 'pgoutput')", String.class, slot);
			UUID afterRecreation = posted("after-the-recreation");
			assertThat(SlotCheck.lsn(recreatedAt)).as("the recreated slot starts beyond the stored offset")
				.isGreaterThan(storedLsn);

			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			second = new EventRelay(settings, dataSource, kafka, meters);
			second.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> messages.containing("refuses to start", slot) > 1);
			String refusal = messages.list.stream().filter(m -> m.contains("refuses to start") && m.contains(slot)).findFirst()
				.orElseThrow();
			assertThat(refusal).startsWith("ERROR")
				.contains("replication slot " + slot + " starts at LSN " + recreatedAt)
				.contains("beyond the stored offset (LSN " + SlotCheck.text(storedLsn) + ")")
				.contains("dropped and recreated")
				.contains("relay_offsets")
				.contains("docs/operations.md");
			// While it refuses: the recreated slot is never read from, nothing is sent.
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
				.until(() -> slotActive(slot) == Boolean.FALSE && published(meters) == 0);
			assertThat(seen(consumer, inTheGap)).as("the event of the gap").isFalse();
			assertThat(seen(consumer, afterRecreation)).as("the event after the recreation").isFalse();

			// The documented way out: delete the slot's stored offsets; the relay snapshots the events table again.
			jdbc.update("delete from relay_offsets where store_name = ?", slot);
			await().pollInSameThread().atMost(Duration.ofSeconds(90))
				.until(() -> seen(consumer, inTheGap) && seen(consumer, afterRecreation));
			System.out.println("relay recreated slot: stored offset at " + SlotCheck.text(storedLsn)
					+ ", slot recreated at " + recreatedAt + "; refused " + messages.containing("refuses to start", slot)
					+ " times, then re-published " + (long) published(meters) + " events after the offsets were cleared");
		}
		finally {
			stopAndCleanUp(slot, topic, bootstrap, messages, first, second);
		}
	}

	/**
	 * No false refusal on the ordinary path: the relay runs idle with heartbeats (every 100 ms) and offset flushes
	 * while other tables write WAL, stops, events are committed meanwhile, and it starts again on the same slot.
	 * The slot never gets ahead of the stored offsets, so it streams on and publishes every event of the pause.
	 */
	@Test
	void relay_restartsWithoutRefusal_andPublishesEverythingCommittedWhileItWasStopped() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String slot = "laas_relay_restart_" + suffix;
		String topic = "laas.relay-restart-test-" + suffix;
		String bootstrap = String.join(",", kafka.getBootstrapServers());
		createTopic(bootstrap, topic);
		RelaySettings settings = new RelaySettings(true, slot, "laas_events", topic, 10L, 200L, 200L, 100L);
		Messages messages = Messages.attach();
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		UUID before = posted("before-the-restart");

		applicationRelay.stop();
		EventRelay first = new EventRelay(settings, dataSource, kafka, new SimpleMeterRegistry());
		EventRelay second = null;
		try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic)) {
			first.start();
			await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> seen(consumer, before));
			await().atMost(Duration.ofSeconds(30)).until(() -> storedOffsets(slot) > 0);
			// WAL from tables outside the publication, then idle: heartbeats and offset flushes keep going.
			String filler = "laas_wal_filler_" + suffix;
			for (int i = 0; i < 20; i++) {
				jdbc.update("insert into relay_offsets (store_name, offset_key) values (?, ?)", filler,
						new byte[] { (byte) i });
			}
			jdbc.update("delete from relay_offsets where store_name = ?", filler);
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(first::isLeader);
			first.stop();
			await().atMost(Duration.ofSeconds(30)).until(() -> slotActive(slot) == Boolean.FALSE);
			String confirmed = jdbc.queryForObject(
					"select confirmed_flush_lsn::text from pg_replication_slots where slot_name = ?", String.class, slot);
			long storedLsn = storedLsnMax(slot);
			assertThat(SlotCheck.lsn(confirmed)).as("the slot never passes the stored offsets on its own")
				.isLessThanOrEqualTo(storedLsn);

			List<UUID> whileStopped = List.of(posted("while-stopped-1"), posted("while-stopped-2"),
					posted("while-stopped-3"));
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			second = new EventRelay(settings, dataSource, kafka, meters);
			second.start();
			await().pollInSameThread().atMost(Duration.ofSeconds(60))
				.until(() -> whileStopped.stream().allMatch(id -> seen(consumer, id)));
			assertThat(messages.containing("refuses to start", slot)).isZero();
			await().atMost(Duration.ofSeconds(10)).until(() -> published(meters) >= whileStopped.size());
			System.out.println("relay restart: slot confirmed " + confirmed + ", stored offset at "
					+ SlotCheck.text(storedLsn) + "; " + (long) published(meters) + " events published after the restart");
		}
		finally {
			stopAndCleanUp(slot, topic, bootstrap, messages, first, second);
		}
	}

	private void createTopic(String bootstrap, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
	}

	/** Stops the test's relays, drops their slot, offsets and topic, and gives the application its relay back. */
	private void stopAndCleanUp(String slot, String topic, String bootstrap, Messages messages, EventRelay first,
			EventRelay second) throws Exception {
		try {
			first.stop();
			if (second != null) {
				second.stop();
			}
			messages.detach();
			await().atMost(Duration.ofSeconds(30)).until(() -> slotActive(slot) != Boolean.TRUE);
			if (slotActive(slot) != null) {
				jdbc.queryForObject("select pg_drop_replication_slot(?)::text", String.class, slot);
			}
			jdbc.update("delete from relay_offsets where store_name = ?", slot);
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				admin.deleteTopics(List.of(topic)).all().get();
			}
		}
		finally {
			applicationRelay.start();
		}
		await().atMost(Duration.ofSeconds(60)).until(applicationRelay::isLeader);
	}

	private long storedLsnMax(String slot) throws Exception {
		try (Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
				dataSource.determineUsername(), dataSource.determinePassword())) {
			return PostgresOffsetStore.storedLsnMax(connection, slot).orElseThrow();
		}
	}

	private UUID posted(String key) {
		Response response = post("/v1/transactions", sale(key, "2.00"));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return UUID.fromString(response.json().path("id").asString());
	}

	private long storedOffsets(String slot) {
		return jdbc.queryForObject("select count(*) from relay_offsets where store_name = ?", Long.class, slot);
	}

	/** Whether the slot is in use; null when there is no such slot. */
	private Boolean slotActive(String slot) {
		List<Boolean> active = jdbc.queryForList("select active from pg_replication_slots where slot_name = ?",
				Boolean.class, slot);
		return active.isEmpty() ? null : active.get(0);
	}

	private static double published(SimpleMeterRegistry meters) {
		return meters.get("laas.relay.events.published").counter().count();
	}

	private final java.util.Set<UUID> onTopic = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Drains what the topic has so far and says whether the transaction was among it. */
	private boolean seen(KafkaConsumer<String, byte[]> consumer, UUID transactionId) {
		for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
			EventEnvelope envelope = EventSerde.fromBytes(record.value());
			if (envelope.payload() instanceof TransactionPosted p) {
				onTopic.add(p.transactionId());
			}
		}
		return onTopic.contains(transactionId);
	}

	private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		TopicPartition partition = new TopicPartition(topic, 0);
		consumer.assign(List.of(partition));
		consumer.seekToBeginning(List.of(partition));
		return consumer;
	}

	/** The relay's log lines, formatted, as they happen. */
	static final class Messages extends AppenderBase<ILoggingEvent> {

		final List<String> list = new CopyOnWriteArrayList<>();

		static Messages attach() {
			Messages messages = new Messages();
			messages.start();
			((Logger) LoggerFactory.getLogger(EventRelay.class)).addAppender(messages);
			return messages;
		}

		void detach() {
			((Logger) LoggerFactory.getLogger(EventRelay.class)).detachAppender(this);
			stop();
		}

		long containing(String text, String slot) {
			return list.stream().filter(m -> m.contains(text) && m.contains(slot)).count();
		}

		@Override
		protected void append(ILoggingEvent event) {
			list.add(event.getLevel() + " " + event.getFormattedMessage());
		}

	}

}
