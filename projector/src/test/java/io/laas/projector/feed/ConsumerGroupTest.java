package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
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

/**
 * (g) Three projector instances in one consumer group share 12 partitions; instances stop and start while events
 * keep arriving. Partitions move between instances mid-stream, and every ledger must still end exact.
 */
@ExtendWith(InfraExtension.class)
class ConsumerGroupTest {

	private final Map<String, ConfigurableApplicationContext> instances = new LinkedHashMap<>();

	private final ReadModelDb db = new ReadModelDb();

	private String topic;

	private String group;

	@AfterEach
	void stopAll() {
		this.instances.values().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void threeInstancesInOneGroup_withInstancesStoppedAndStartedUnderLoad_endWithExactBalances_nothingDoubled() {
		this.topic = Projectors.uniqueTopic("group");
		this.group = "group-" + UUID.randomUUID();
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), this.topic, 12, (short) 1, Map.of());
		List<LedgerScript> ledgers = Workloads.random(120, 100, 7);
		List<EventEnvelope> events = Publisher.interleave(ledgers);
		start("a");
		start("b");
		start("c");

		try (Publisher publisher = new Publisher(this.topic)) {
			int chunk = events.size() / 8;
			for (int i = 0; i < 8; i++) {
				publisher.sendAll(events.subList(i * chunk, (i == 7) ? events.size() : (i + 1) * chunk));
				// Membership changes while the instances are busy with what was just sent.
				switch (i) {
					case 0 -> stop("a");
					case 1 -> start("d");
					case 2 -> stop("b");
					case 3 -> start("e");
					case 4 -> stop("c");
					case 5 -> start("f");
					case 6 -> stop("d");
					default -> {
					}
				}
			}
		}
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.db.allCaughtUp(ledgers));

		new ReadModelVerifier(this.db).assertMatchesReference(ledgers);
	}

	private void start(String name) {
		this.instances.put(name, Projectors.start(this.topic, this.group, "--laas.projector.client-id=projector-" + name,
				"--laas.projector.max-poll-records=300"));
	}

	private void stop(String name) {
		this.instances.remove(name).close();
	}

}
