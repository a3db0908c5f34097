package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.infra.KafkaTopics;
import io.laas.infra.TestInfra;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;
import io.laas.projector.support.ReadModelVerifier;
import io.laas.projector.support.Workloads;

/** (h) Stopping the projector mid-stream and starting it again loses nothing and doubles nothing. */
@ExtendWith(InfraExtension.class)
class RestartTest {

	private final ReadModelDb db = new ReadModelDb();

	@Test
	void stopMidStream_thenStart_losesNothing_andDoublesNothing() {
		String topic = Projectors.uniqueTopic("restart");
		String group = "restart-" + UUID.randomUUID();
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 12, (short) 1, Map.of());
		List<LedgerScript> ledgers = Workloads.random(40, 300, 11);
		List<EventEnvelope> events = Publisher.interleave(ledgers);
		try (Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(events);
		}

		// Small polls, so that there are many batches to stop in the middle of.
		try (ConfigurableApplicationContext first = Projectors.start(topic, group,
				"--laas.projector.max-poll-records=100")) {
			MeterRegistry meters = first.getBean(MeterRegistry.class);
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> meters.counter("laas.projector.events.applied").count() >= 1_000);
		}
		assertThat(this.db.allCaughtUp(ledgers)).as("stopped mid-stream").isFalse();

		try (ConfigurableApplicationContext second = Projectors.start(topic, group)) {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> this.db.allCaughtUp(ledgers));
		}
		new ReadModelVerifier(this.db).assertMatchesReference(ledgers);
	}

	@Test
	void offsetsLostAfterTheDatabaseCommit_replayEverything_andEveryReplayedEventIsSkipped() throws Exception {
		String topic = Projectors.uniqueTopic("lost-offsets");
		String group = "lost-offsets-" + UUID.randomUUID();
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 12, (short) 1, Map.of());
		List<LedgerScript> ledgers = Workloads.random(10, 200, 13);
		List<EventEnvelope> events = Publisher.interleave(ledgers);
		try (Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(events);
		}
		try (ConfigurableApplicationContext first = Projectors.start(topic, group)) {
			await().atMost(Duration.ofMinutes(1)).until(() -> this.db.allCaughtUp(ledgers));
		}

		// As if the process had died after each database commit and before its offset commit: back to offset 0.
		resetOffsets(topic, group);
		try (ConfigurableApplicationContext second = Projectors.start(topic, group)) {
			MeterRegistry meters = second.getBean(MeterRegistry.class);
			await().atMost(Duration.ofMinutes(1))
				.until(() -> meters.counter("laas.projector.events.duplicates").count() >= events.size());
			assertThat(meters.counter("laas.projector.events.applied").count()).isZero();
		}
		new ReadModelVerifier(this.db).assertMatchesReference(ledgers);
	}

	private static void resetOffsets(String topic, String group) throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			Map<TopicPartition, OffsetAndMetadata> zero = IntStream.range(0, 12)
				.boxed()
				.collect(Collectors.toMap((p) -> new TopicPartition(topic, p), (p) -> new OffsetAndMetadata(0)));
			admin.alterConsumerGroupOffsets(group, zero).all().get();
		}
	}

}
