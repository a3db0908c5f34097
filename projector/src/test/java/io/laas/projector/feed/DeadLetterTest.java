package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;

/** (e) A record that is not a valid event goes to the dead-letter topic and does not stall its partition. */
@ExtendWith(InfraExtension.class)
class DeadLetterTest {

	private static final String TOPIC = Projectors.uniqueTopic("dead-letters");

	private static ConfigurableApplicationContext projector;

	private static Publisher publisher;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(TOPIC, "dead-letters-" + UUID.randomUUID());
		publisher = new Publisher(TOPIC);
	}

	@AfterAll
	static void stop() {
		publisher.close();
		projector.close();
	}

	@Test
	void garbageAndUnknownTypes_goToDeadLetterTopic_withErrorHeaders_andNextRecordsAreApplied() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		ledger.post(UUID.randomUUID(), "cash", "sales", "3.00");
		String key = ledger.ledgerId().toString();
		publisher.send(ledger.events().get(0));
		RecordMetadata garbage = publisher.sendRaw(key, "{not json".getBytes(StandardCharsets.UTF_8));
		String unknown = EventSerde.toJson(ledger.events().get(1))
			.replace("\"account.created\"", "\"account.teleported\"");
		RecordMetadata unknownType = publisher.sendRaw(key, unknown.getBytes(StandardCharsets.UTF_8));
		publisher.send(ledger.events().get(1));
		publisher.send(ledger.events().get(2));

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.db.lastSequence(ledger.ledgerId()) == 3);
		assertThat(this.db.totalsText(ledger.ledgerId(), "cash")).containsExactly("3.00", "0", "0", "0");

		List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(2);
		assertThat(dead).extracting((r) -> new String(r.value(), StandardCharsets.UTF_8))
			.containsExactlyInAnyOrder("{not json", unknown);
		ConsumerRecord<byte[], byte[]> first = dead.stream()
			.filter((r) -> new String(r.value(), StandardCharsets.UTF_8).equals("{not json"))
			.findFirst()
			.orElseThrow();
		assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo(key);
		assertThat(header(first, "laas.error")).isNotBlank();
		assertThat(header(first, "laas.original-topic")).isEqualTo(TOPIC);
		assertThat(header(first, "laas.original-partition")).isEqualTo(Integer.toString(garbage.partition()));
		assertThat(header(first, "laas.original-offset")).isEqualTo(Long.toString(garbage.offset()));
		ConsumerRecord<byte[], byte[]> second = dead.stream().filter((r) -> r != first).findFirst().orElseThrow();
		assertThat(header(second, "laas.error")).contains("account.teleported");
		assertThat(header(second, "laas.original-offset")).isEqualTo(Long.toString(unknownType.offset()));
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(TOPIC + "-dlt"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= expected;
			});
		}
		return records;
	}

}
