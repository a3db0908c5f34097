package io.laas.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures deliveries per second to local receivers with the production pool settings (32 workers, 4 per
 * endpoint), from publishing to the topic until every receiver has every event. Logs the result; asserts only
 * that every delivery arrived exactly once (numbers depend on the machine).
 */
@ExtendWith(InfraExtension.class)
class ThroughputTest {

	private static final Logger log = LoggerFactory.getLogger(ThroughputTest.class);

	@Test
	void deliveriesPerSecond_toLocalReceivers() {
		JdbcTemplate jdbc = CommandSchema.jdbc();
		UUID ledger = CommandSchema.newLedger(jdbc);
		int endpoints = 8;
		int count = 400;
		List<Receiver> sinks = new ArrayList<>();
		try (Events events = Events.onNewTopic("webhooks-throughput-test");
				ConfigurableApplicationContext dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
						"laas.webhooks.idle-poll-ms=250")) {
			for (int i = 0; i < endpoints; i++) {
				Receiver sink = Receiver.answering(null, 204);
				sinks.add(sink);
				CommandSchema.newEndpoint(jdbc, ledger, sink.url(), CommandSchema.newSecret(), List.of());
			}
			List<EventEnvelope> batch = new ArrayList<>();
			for (int i = 1; i <= count; i++) {
				batch.add(Events.transactionPosted(ledger, i));
			}
			long started = System.nanoTime();
			events.publishAll(batch);
			await().atMost(Duration.ofSeconds(180)).until(() -> sinks.stream().allMatch((s) -> s.count() >= count));
			double seconds = (System.nanoTime() - started) / 1e9;
			int deliveries = endpoints * count;
			Map<String, Object> latency = jdbc.queryForMap("""
					select avg(a.latency_ms)::float8 as avg_ms,
					       percentile_cont(0.99) within group (order by a.latency_ms) as p99_ms
					  from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id
					 where d.ledger_id = ?""", ledger);
			String line = String.format(
					"THROUGHPUT: %d deliveries (%d events x %d endpoints, pool 32, 4 per endpoint) in %.2f s = %.0f deliveries/s; HTTP latency avg %.1f ms, p99 %.0f ms",
					deliveries, count, endpoints, seconds, deliveries / seconds, (Double) latency.get("avg_ms"),
					(Double) latency.get("p99_ms"));
			log.info(line);
			System.out.println(line);
			assertThat(sinks).allSatisfy((sink) -> assertThat(sink.webhookIds()).hasSize(count));
			assertThat(sinks).allSatisfy((sink) -> assertThat(sink.count()).isEqualTo(count));
		}
		finally {
			sinks.forEach(Receiver::close);
			CommandSchema.retire(jdbc, List.of(ledger));
		}
	}

}
