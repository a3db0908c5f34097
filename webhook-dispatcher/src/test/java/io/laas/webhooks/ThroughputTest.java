package io.laas.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
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
 * Measures deliveries per second to local receivers with the production pool settings, from publishing to the topic until every receiver has every event, and the latency from an event's
 * {@code recorded_at} to its receipt under a paced load on one endpoint (the shape of {@code ./laas bench}'s
 * pipeline scenario). Logs the results; asserts only that every delivery arrived exactly once (numbers depend on
 * the machine).
 */
@ExtendWith(InfraExtension.class)
class ThroughputTest {

	private static final Logger log = LoggerFactory.getLogger(ThroughputTest.class);

	private static final int PACED_RATE_PER_S = 1_000;

	private static final int PACED_SECONDS = 5;

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
					"THROUGHPUT: %d deliveries (%d events x %d endpoints, pool %d, %d per endpoint) in %.2f s = %.0f deliveries/s; HTTP latency avg %.1f ms, p99 %.0f ms",
					deliveries, count, endpoints, dispatcher.getBean(DispatcherSettings.class).poolSize(),
					dispatcher.getBean(DispatcherSettings.class).perEndpointConcurrencyMax(), seconds,
					deliveries / seconds, (Double) latency.get("avg_ms"),
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

	/**
	 * One endpoint, events published at {@value #PACED_RATE_PER_S}/s for {@value #PACED_SECONDS} s, each stamped
	 * {@code recorded_at} just before it is published: deliveries/s (first to last receipt) and recorded_at to
	 * receipt, p50/p99.
	 */
	@Test
	void commitToWebhookLatency_atPacedRate_toOneEndpoint() throws InterruptedException {
		JdbcTemplate jdbc = CommandSchema.jdbc();
		UUID ledger = CommandSchema.newLedger(jdbc);
		int count = PACED_RATE_PER_S * PACED_SECONDS;
		Receiver sink = Receiver.answering(null, 204);
		try (Events events = Events.onNewTopic("webhooks-paced-test");
				ConfigurableApplicationContext dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
						"laas.webhooks.idle-poll-ms=250")) {
			CommandSchema.newEndpoint(jdbc, ledger, sink.url(), CommandSchema.newSecret(), List.of());
			int perTick = PACED_RATE_PER_S / 100;
			long started = System.nanoTime();
			for (int tick = 0; tick * perTick < count; tick++) {
				long dueNanos = started + tick * 10_000_000L;
				long waitNanos = dueNanos - System.nanoTime();
				if (waitNanos > 0) {
					TimeUnit.NANOSECONDS.sleep(waitNanos);
				}
				List<EventEnvelope> batch = new ArrayList<>(perTick);
				for (int i = 1; i <= perTick; i++) {
					batch.add(Events.transactionPosted(ledger, (long) tick * perTick + i));
				}
				events.publishAll(batch);
			}
			double publishSeconds = (System.nanoTime() - started) / 1e9;
			await().atMost(Duration.ofSeconds(180)).until(() -> sink.count() >= count);
			List<Receiver.Request> requests = sink.requests();
			long[] latenciesMs = requests.stream()
				.mapToLong((request) -> Duration.between(recordedAt(request), request.at()).toMillis())
				.sorted()
				.toArray();
			Instant first = requests.stream().map(Receiver.Request::at).min(Instant::compareTo).orElseThrow();
			Instant last = requests.stream().map(Receiver.Request::at).max(Instant::compareTo).orElseThrow();
			double spreadSeconds = Duration.between(first, last).toNanos() / 1e9;
			// Intake alone: recorded_at -> the deliveries row's created_at.
			Map<String, Object> intake = jdbc.queryForMap("""
					select percentile_cont(0.5) within group (order by lag_ms) as p50_ms,
					       percentile_cont(0.99) within group (order by lag_ms) as p99_ms
					  from (select extract(epoch from created_at - (body->>'timestamp')::timestamptz) * 1000 as lag_ms
					          from webhooks.deliveries where ledger_id = ?) d""", ledger);
			String line = String.format(
					"PACED: %d events to 1 endpoint (%d per endpoint) published in %.2f s (%.0f/s); delivered first->last in %.2f s = %.0f deliveries/s; recorded_at->received p50 %d ms, p99 %d ms, max %d ms; recorded_at->delivery row p50 %.0f ms, p99 %.0f ms",
					count, dispatcher.getBean(DispatcherSettings.class).perEndpointConcurrencyMax(), publishSeconds,
					count / publishSeconds, spreadSeconds, count / spreadSeconds,
					latenciesMs[latenciesMs.length / 2], latenciesMs[(int) Math.ceil(latenciesMs.length * 0.99) - 1],
					latenciesMs[latenciesMs.length - 1], ((Number) intake.get("p50_ms")).doubleValue(),
					((Number) intake.get("p99_ms")).doubleValue());
			log.info(line);
			System.out.println(line);
			assertThat(sink.webhookIds()).hasSize(count);
			assertThat(sink.count()).isEqualTo(count);
		}
		finally {
			sink.close();
			CommandSchema.retire(jdbc, List.of(ledger));
		}
	}

	private static Instant recordedAt(Receiver.Request request) {
		return Instant.parse(EventSerde.mapper().readTree(request.body()).get("timestamp").asString());
	}

}
