package io.laas.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.Topics;
import io.laas.events.TransactionPosted;
import io.laas.infra.TestInfra;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end on real servers: HTTP POST → events row → Debezium → Kafka → projector →
 * GET balance, and a projector that is stopped and restarted mid-stream without losing or doubling anything.
 */
class PipelineEndToEndTest extends ApiTestSupport {

	@BeforeEach
	void pipeline() {
		RunningProjector.ensureStarted();
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
	}

	@Test
	void postedTransaction_reachesKafka_andTheProjectedBalances() {
		long started = System.nanoTime();
		Response posted = post("/v1/transactions", sale("e2e-1", "100.00"));
		assertThat(posted.status()).isEqualTo(201);
		UUID transactionId = UUID.fromString(posted.json().path("id").asString());
		long sequence = posted.json().path("sequence").asLong();

		ConsumerRecord<String, byte[]> record = awaitRecord(transactionId);
		assertThat(record.key()).isEqualTo(ledger.id().toString());
		EventEnvelope envelope = EventSerde.fromBytes(record.value());
		assertThat(envelope.eventType()).isEqualTo("transaction.posted");
		assertThat(envelope.schemaVersion()).isEqualTo(1);
		assertThat(envelope.ledgerId()).isEqualTo(ledger.id());
		assertThat(envelope.sequence()).isEqualTo(sequence);
		assertThat(((TransactionPosted) envelope.payload()).postings()).hasSize(2);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
			Response cash = get("/v1/accounts/cash");
			assertThat(cash.status()).isEqualTo(200);
			assertThat(cash.json().path("balance").path("posted").asString()).isEqualTo("100.00");
		});
		long latencyMs = (System.nanoTime() - started) / 1_000_000;
		System.out.println("e2e: POST -> projected balance visible in " + latencyMs + " ms");

		JsonNode cash = get("/v1/accounts/cash").json();
		assertThat(cash.path("debits_posted").asString()).isEqualTo("100.00");
		assertThat(cash.path("credits_posted").asString()).isEqualTo("0.00");
		JsonNode revenue = get("/v1/accounts/revenue?min_sequence=" + sequence).json();
		assertThat(revenue.path("balance").path("posted").asString()).isEqualTo("100.00");
		assertThat(revenue.path("credits_posted").asString()).isEqualTo("100.00");
		assertThat(get("/v1/transactions/" + transactionId + "?min_sequence=" + sequence).json().path("status")
			.asString()).isEqualTo("posted");
	}

	@Test
	void projectorStoppedAndRestartedMidStream_losesAndDoublesNothing() throws Exception {
		int transactions = 300;
		AtomicInteger accepted = new AtomicInteger();
		Thread load = new Thread(() -> {
			for (int i = 0; i < transactions; i++) {
				if (post("/v1/transactions", sale("load-" + i, "1.01")).status() == 201) {
					accepted.incrementAndGet();
				}
			}
		});
		load.start();
		for (int restart = 0; restart < 3; restart++) {
			int seen = accepted.get();
			await().atMost(Duration.ofSeconds(30)).until(() -> accepted.get() >= seen + 30 || !load.isAlive());
			RunningProjector.stop();
			RunningProjector.ensureStarted();
		}
		load.join();
		assertThat(accepted.get()).isEqualTo(transactions);
		long lastSequence = jdbc.queryForObject("select last_sequence from ledgers where id = ?", Long.class,
				ledger.id());

		await().atMost(Duration.ofSeconds(60)).until(() -> projectedSequence() == lastSequence);

		BigDecimal expected = new BigDecimal("1.01").multiply(BigDecimal.valueOf(transactions));
		assertThat(jdbc.queryForObject("select debits_posted from read_model.accounts where ledger_id = ? and code = 'cash'",
				BigDecimal.class, ledger.id())).isEqualByComparingTo(expected);
		assertThat(jdbc.queryForObject("select credits_posted from read_model.accounts where ledger_id = ? "
				+ "and code = 'revenue'", BigDecimal.class, ledger.id())).isEqualByComparingTo(expected);
		assertThat(jdbc.queryForObject("select count(*) from read_model.transactions where ledger_id = ?", Long.class,
				ledger.id())).isEqualTo(transactions);
		assertThat(jdbc.queryForObject("select count(*) from read_model.postings where ledger_id = ?", Long.class,
				ledger.id())).isEqualTo(2L * transactions);
		// The write side agrees with the read side, to the cent.
		assertThat(jdbc.queryForObject("select debits_posted from accounts where ledger_id = ? and code = 'cash'",
				BigDecimal.class, ledger.id())).isEqualByComparingTo(expected);
	}

	@Test
	void driftCheck_isOk_whenSidesAgree_andCatchesACorruptedBalance() {
		Response posted = post("/v1/transactions", sale("drift-1", "42.00"));
		long sequence = posted.json().path("sequence").asLong();
		await().atMost(Duration.ofSeconds(30)).until(() -> projectedSequence() == sequence);

		JsonNode healthy = get("/v1/health/ledger").json();
		assertThat(healthy.path("status").asString()).isEqualTo("ok");
		assertThat(healthy.path("currencies").get(0).path("postings").path("debits").asString()).isEqualTo("42.00");

		jdbc.update("update read_model.accounts set debits_posted = debits_posted + 0.01 where ledger_id = ? "
				+ "and code = 'cash'", ledger.id());

		JsonNode drifted = get("/v1/health/ledger").json();
		assertThat(drifted.path("status").asString()).isEqualTo("drift");
		assertThat(drifted.path("mismatched_accounts").asInt()).isEqualTo(1);
	}

	private long projectedSequence() {
		List<Long> found = jdbc.queryForList("select last_sequence from read_model.ledger_progress where ledger_id = ?",
				Long.class, ledger.id());
		return found.isEmpty() ? 0 : found.get(0);
	}

	private ConsumerRecord<String, byte[]> awaitRecord(UUID transactionId) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.LEDGER_EVENTS));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					EventEnvelope envelope = EventSerde.fromBytes(record.value());
					if (envelope.payload() instanceof TransactionPosted posted
							&& posted.transactionId().equals(transactionId)) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("transaction " + transactionId + " never reached " + Topics.LEDGER_EVENTS);
	}

}
