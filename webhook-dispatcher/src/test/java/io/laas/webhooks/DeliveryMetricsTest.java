package io.laas.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Prometheus;
import io.laas.webhooks.testing.Receiver;
import io.laas.webhooks.testing.TestClock;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics on {@code /actuator/prometheus}, with values the test can predict: its own dispatcher (so
 * counters start at zero), endpoints that succeed, refuse, fail and hang, and a {@link TestClock} to make queue
 * and failure ages minutes long. Earlier test classes retire their endpoints and pending deliveries, so the
 * database-wide gauges count this test's rows only.
 */
@ExtendWith(InfraExtension.class)
class DeliveryMetricsTest {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final TestClock clock = new TestClock();

	private static JdbcTemplate jdbc;

	private static Events events;

	private static ConfigurableApplicationContext dispatcher;

	private static final List<UUID> ledgers = new ArrayList<>();

	private static final List<Receiver> receivers = new ArrayList<>();

	@BeforeAll
	static void startDispatcher() {
		jdbc = CommandSchema.jdbc();
		events = Events.onNewTopic("webhooks-metrics-test");
		dispatcher = Dispatchers.start(clock, events.topic(), Dispatchers.newGroupId(),
				"laas.webhooks.pool-size=4", "laas.webhooks.per-endpoint-concurrency-max=1",
				// A hanging receiver keeps its request (and lease) for the whole test, however far the clock moves.
				"laas.webhooks.request-timeout-ms=25000", "laas.webhooks.claim-lease-ms=3600000",
				"laas.webhooks.retry-schedule=0s,1h", "laas.webhooks.backlog-refresh-ms=100");
	}

	@AfterAll
	static void stopDispatcher() {
		if (dispatcher != null) {
			dispatcher.close();
		}
		receivers.forEach(Receiver::close);
		if (events != null) {
			events.close();
		}
		CommandSchema.retire(jdbc, ledgers);
	}

	private record Endpoint(UUID ledger, UUID id, Receiver receiver) {
	}

	private static Endpoint endpoint(java.util.function.Function<Receiver.Request, Receiver.Response> responder) {
		UUID ledger = CommandSchema.newLedger(jdbc);
		ledgers.add(ledger);
		Receiver receiver = Receiver.start(null, responder);
		receivers.add(receiver);
		return new Endpoint(ledger, CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(),
				List.of()), receiver);
	}

	private static long deliveries(UUID endpoint, String status) {
		return jdbc.queryForObject("select count(*) from webhooks.deliveries where endpoint_id = ? and status = ?",
				Long.class, endpoint, status);
	}

	private static Prometheus scrape() {
		return Prometheus.scrape(dispatcher);
	}

	@Test
	void prometheus_showsThroughputSuccessRateAttemptsPerDeliveryQueueAndFailureStreaks() {
		CountDownLatch release = new CountDownLatch(1);
		Endpoint ok = endpoint((request) -> Receiver.Response.of(200));
		Endpoint refusing = endpoint((request) -> Receiver.Response.of(422));
		Endpoint failing = endpoint((request) -> Receiver.Response.of(500));
		Endpoint hanging = endpoint((request) -> {
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Receiver.Response.of(200);
		});
		Endpoint disabled = endpoint((request) -> Receiver.Response.of(200));
		jdbc.update("update public.webhook_endpoints set enabled = false where id = ?", disabled.id());
		try {
			for (long sequence = 1; sequence <= 2; sequence++) {
				events.publish(Events.accountCreated(ok.ledger(), sequence));
			}
			events.publish(Events.accountCreated(refusing.ledger(), 1));
			events.publish(Events.accountCreated(failing.ledger(), 1));
			for (long sequence = 1; sequence <= 4; sequence++) {
				events.publish(Events.accountCreated(hanging.ledger(), sequence));
			}
			// A delivery of a disabled endpoint (another module's row): it fails without a request.
			jdbc.update("""
					insert into webhooks.deliveries (id, ledger_id, endpoint_id, event_id, event_type, sequence, body,
					                                 status, next_attempt_at, created_at, updated_at)
					values (?, ?, ?, ?, 'webhook.test', 1, '{}'::jsonb, 'pending', now(), now(), now())""",
					UUID.randomUUID(), disabled.ledger(), disabled.id(), UUID.randomUUID());

			await().atMost(DEADLINE)
				.until(() -> deliveries(ok.id(), "succeeded") == 2 && deliveries(refusing.id(), "failed") == 1
						&& deliveries(disabled.id(), "failed") == 1 && failing.receiver().count() == 1
						&& hanging.receiver().count() == 1 && deliveries(hanging.id(), "pending") == 4);

			// Queue: the hanging endpoint (1 at a time) holds one delivery; its other three are due and waiting. The
			// failing one waits for its retry in an hour: pending, not due.
			await().atMost(DEADLINE).untilAsserted(() -> {
				Prometheus metrics = scrape();
				assertThat(metrics.value("laas_webhooks_queue_depth")).isEqualTo(3);
				assertThat(metrics.value("laas_webhooks_deliveries_pending")).isEqualTo(5);
				assertThat(metrics.value("laas_webhooks_deliveries_in_flight")).isEqualTo(1);
				// The 422 and the 500 endpoints; not the disabled one.
				assertThat(metrics.value("laas_webhooks_endpoints_failing")).isEqualTo(2);
			});
			Prometheus early = scrape();
			assertThat(early.value("laas_webhooks_queue_oldest_age_seconds")).isLessThan(30);
			assertThat(early.value("laas_webhooks_endpoints_failing_longest_seconds")).isLessThan(30);

			// Ten minutes later, nothing moved: the ages say so.
			clock.advance(Duration.ofMinutes(10));
			await().atMost(DEADLINE).untilAsserted(() -> {
				Prometheus metrics = scrape();
				assertThat(metrics.value("laas_webhooks_queue_oldest_age_seconds")).isBetween(600.0, 660.0);
				assertThat(metrics.value("laas_webhooks_endpoints_failing_longest_seconds")).isBetween(600.0, 660.0);
				assertThat(metrics.value("laas_webhooks_queue_depth")).isEqualTo(3);
			});

			// Outcomes so far: attempts by reason and outcome, deliveries by how they ended.
			Prometheus outcomes = scrape();
			assertThat(outcomes.value("laas_webhooks_attempts_total", "reason=http_2xx", "outcome=succeeded")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_attempts_total", "reason=http_4xx", "outcome=failed")).isEqualTo(1);
			assertThat(outcomes.value("laas_webhooks_attempts_total", "reason=http_5xx", "outcome=retry")).isEqualTo(1);
			assertThat(outcomes.value("laas_webhooks_attempts_total")).isEqualTo(4);
			assertThat(outcomes.value("laas_webhooks_attempt_latency_seconds_count", "result=success")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_attempt_latency_seconds_count", "result=failure")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_deliveries_succeeded_total")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_deliveries_failed_total", "status=failed", "reason=http_4xx"))
				.isEqualTo(1);
			assertThat(outcomes.value("laas_webhooks_deliveries_failed_total", "status=failed",
					"reason=endpoint_disabled"))
				.isEqualTo(1);
			assertThat(outcomes.value("laas_webhooks_delivery_attempts_count", "status=succeeded")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_delivery_attempts_sum", "status=succeeded")).isEqualTo(2);
			// The 422 (one attempt) and the disabled endpoint's delivery (none).
			assertThat(outcomes.value("laas_webhooks_delivery_attempts_count", "status=failed")).isEqualTo(2);
			assertThat(outcomes.value("laas_webhooks_delivery_attempts_sum", "status=failed")).isEqualTo(1);

			// The hanging receiver answers: its four deliveries go through and the queue empties.
			release.countDown();
			await().atMost(DEADLINE).untilAsserted(() -> {
				Prometheus metrics = scrape();
				assertThat(metrics.value("laas_webhooks_deliveries_succeeded_total")).isEqualTo(6);
				assertThat(metrics.value("laas_webhooks_queue_depth")).isZero();
				assertThat(metrics.value("laas_webhooks_queue_oldest_age_seconds")).isZero();
				assertThat(metrics.value("laas_webhooks_deliveries_pending")).isEqualTo(1);
				assertThat(metrics.value("laas_webhooks_deliveries_in_flight")).isZero();
			});

			// The failing endpoint's retry, an hour (± 10 %) later, fails too: retries exhausted, the delivery is dead.
			Instant retryAt = jdbc.queryForObject("select next_attempt_at from webhooks.deliveries where endpoint_id = ?",
					java.sql.Timestamp.class, failing.id()).toInstant();
			clock.advance(Duration.between(clock.instant(), retryAt).plusSeconds(1));
			await().atMost(DEADLINE).untilAsserted(() -> {
				Prometheus metrics = scrape();
				assertThat(metrics.value("laas_webhooks_deliveries_failed_total", "status=dead", "reason=http_5xx"))
					.isEqualTo(1);
				assertThat(metrics.value("laas_webhooks_delivery_attempts_sum", "status=dead")).isEqualTo(2);
				assertThat(metrics.value("laas_webhooks_deliveries_pending")).isZero();
			});
			Prometheus last = scrape();
			assertThat(last.value("laas_webhooks_attempts_total", "reason=http_5xx", "outcome=dead")).isEqualTo(1);
			// A dead delivery does not make its endpoint healthy: still failing, for over an hour now.
			assertThat(last.value("laas_webhooks_endpoints_failing")).isEqualTo(2);
			assertThat(last.value("laas_webhooks_endpoints_failing_longest_seconds")).isGreaterThanOrEqualTo(3240);
			// Success rate of deliveries: 6 of 9 (2 failed, 1 dead); attempts: 9 for 9 deliveries (the dead one took
			// two, the disabled endpoint's none).
			double succeeded = last.value("laas_webhooks_deliveries_succeeded_total");
			double failed = last.value("laas_webhooks_deliveries_failed_total");
			assertThat(succeeded / (succeeded + failed)).isCloseTo(6.0 / 9, Offset.offset(1e-9));
			assertThat(last.value("laas_webhooks_delivery_attempts_sum") / last.value("laas_webhooks_delivery_attempts_count"))
				.isCloseTo(1.0, Offset.offset(1e-9));
			// The histogram of attempts per delivery: 8 took at most one attempt, all 9 at most two.
			assertThat(last.value("laas_webhooks_delivery_attempts_bucket", "le=1.0")).isEqualTo(8);
			assertThat(last.value("laas_webhooks_delivery_attempts_bucket", "le=2.0")).isEqualTo(9);
		}
		finally {
			release.countDown();
		}
	}

}
