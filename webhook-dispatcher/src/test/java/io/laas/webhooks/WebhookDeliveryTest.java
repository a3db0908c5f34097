package io.laas.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.redelivery.Redeliveries;
import io.laas.webhooks.signing.WebhookSecret;
import io.laas.webhooks.signing.WebhookSignatures;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher end to end against real PostgreSQL, Kafka and HTTP receivers: events published to the topic
 * arrive, signed, at the endpoints that subscribed to them. One dispatcher serves the whole class; every test has
 * its own ledger, endpoints and receivers.
 */
@ExtendWith(InfraExtension.class)
class WebhookDeliveryTest {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryTest.class);

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final int PER_ENDPOINT = 2;

	private static JdbcTemplate jdbc;

	private static Events events;

	private static ConfigurableApplicationContext dispatcher;

	private static final List<UUID> ledgers = new ArrayList<>();

	private static final List<Receiver> receivers = new ArrayList<>();

	@BeforeAll
	static void startDispatcher() {
		jdbc = CommandSchema.jdbc();
		events = Events.onNewTopic("webhooks-delivery-test");
		dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
				"laas.webhooks.per-endpoint-concurrency-max=" + PER_ENDPOINT, "laas.webhooks.pool-size=8");
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

	private static UUID newLedger() {
		UUID ledger = CommandSchema.newLedger(jdbc);
		ledgers.add(ledger);
		return ledger;
	}

	private static Receiver receiver(String secret, java.util.function.Function<Receiver.Request, Receiver.Response> responder) {
		Receiver receiver = Receiver.start(secret, responder);
		receivers.add(receiver);
		return receiver;
	}

	private static Receiver receiver(String secret, int status) {
		return receiver(secret, (request) -> Receiver.Response.of(status));
	}

	private static Map<String, Object> delivery(UUID eventId, UUID endpointId) {
		return jdbc.queryForMap("select * from webhooks.deliveries where event_id = ? and endpoint_id = ?", eventId,
				endpointId);
	}

	private static String status(UUID eventId, UUID endpointId) {
		List<String> statuses = jdbc.queryForList(
				"select status from webhooks.deliveries where event_id = ? and endpoint_id = ?", String.class, eventId,
				endpointId);
		return statuses.isEmpty() ? null : statuses.get(0);
	}

	@Test
	void event_reachesSubscribedEndpoint_signedPerStandardWebhooks() {
		UUID ledger = newLedger();
		String secret = CommandSchema.newSecret();
		Receiver receiver = receiver(secret, 204);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), secret, List.of());
		EventEnvelope event = Events.transactionPosted(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		assertThat(receiver.requests()).hasSize(1);
		Receiver.Request request = receiver.requests().get(0);
		assertThat(request.signatureValid()).isTrue();
		assertThat(request.webhookId()).isEqualTo(event.eventId().toString());
		assertThat(request.header("content-type")).isEqualTo("application/json");
		long timestamp = Long.parseLong(request.header("webhook-timestamp"));
		assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
		// Verified again here, independently of the receiver's own check.
		assertThat(WebhookSignatures.verify(WebhookSecret.parse(secret), request.header("webhook-signature"),
				request.webhookId(), timestamp, request.body()))
			.isTrue();
		assertThat(request.header("webhook-signature").split(" ")).hasSize(1);
		JsonNode body = EventSerde.mapper().readTree(request.body());
		assertThat(body.get("type").asString()).isEqualTo("transaction.posted");
		assertThat(Instant.parse(body.get("timestamp").asString())).isEqualTo(event.recordedAt());
		assertThat(body.get("data")).isEqualTo(EventSerde.mapper().readTree(EventSerde.toJson(event)));
		assertThat(EventSerde.fromBytes(EventSerde.mapper().writeValueAsBytes(body.get("data")))).isEqualTo(event);

		Map<String, Object> delivery = delivery(event.eventId(), endpoint);
		assertThat(delivery.get("attempts")).isEqualTo(1);
		assertThat(delivery.get("last_status_code")).isEqualTo(204);
		assertThat(delivery.get("next_attempt_at")).isNull();
		Map<String, Object> attempt = jdbc.queryForMap("select * from webhooks.delivery_attempts where delivery_id = ?",
				delivery.get("id"));
		assertThat(attempt.get("attempt")).isEqualTo(1);
		assertThat(attempt.get("status_code")).isEqualTo(204);
		assertThat(attempt.get("error")).isNull();
		assertThat(attempt.get("request_headers").toString()).contains("webhook-signature")
			.contains(event.eventId().toString());
	}

	@Test
	void eventTypeFilter_sendsOnlyTheTypesAnEndpointAskedFor() {
		UUID ledger = newLedger();
		Receiver postedOnly = receiver(null, 200);
		Receiver everything = receiver(null, 200);
		UUID postedEndpoint = CommandSchema.newEndpoint(jdbc, ledger, postedOnly.url(), CommandSchema.newSecret(),
				List.of("transaction.posted", "transaction.voided"));
		UUID everythingEndpoint = CommandSchema.newEndpoint(jdbc, ledger, everything.url(), CommandSchema.newSecret(),
				List.of());
		EventEnvelope opened = Events.accountCreated(ledger, 1);
		EventEnvelope posted = Events.transactionPosted(ledger, 2);

		events.publish(opened);
		events.publish(posted);

		await().atMost(DEADLINE).until(() -> everything.count() == 2 && postedOnly.count() == 1);
		assertThat(postedOnly.webhookIds()).containsExactly(posted.eventId().toString());
		assertThat(everything.webhookIds()).containsExactlyInAnyOrder(opened.eventId().toString(),
				posted.eventId().toString());
		// Deliveries of one poll are created in one transaction: no late delivery for the filtered endpoint.
		assertThat(jdbc.queryForObject("select count(*) from webhooks.deliveries where endpoint_id = ?", Integer.class,
				postedEndpoint))
			.isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from webhooks.deliveries where endpoint_id = ?", Integer.class,
				everythingEndpoint))
			.isEqualTo(2);
	}

	@Test
	void failingThenHealthyReceiver_getsTheEventAgain_withTheSameWebhookId() {
		UUID ledger = newLedger();
		String secret = CommandSchema.newSecret();
		AtomicInteger calls = new AtomicInteger();
		Receiver receiver = receiver(secret,
				(request) -> Receiver.Response.of((calls.incrementAndGet() == 1) ? 500 : 200));
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), secret, List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		List<Receiver.Request> requests = receiver.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.webhookId()).isEqualTo(event.eventId().toString());
			assertThat(request.signatureValid()).isTrue();
		});
		assertThat(requests.get(0).bodyText()).isEqualTo(requests.get(1).bodyText());
		Map<String, Object> delivery = delivery(event.eventId(), endpoint);
		assertThat(delivery.get("attempts")).isEqualTo(2);
		assertThat(jdbc.queryForList(
				"select status_code from webhooks.delivery_attempts where delivery_id = ? order by attempt", Integer.class,
				delivery.get("id")))
			.containsExactly(500, 200);
		// The retry came after the schedule's 300 ms (± 10 %).
		assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(250));
	}

	@Test
	void alwaysFailingReceiver_makesTheDeliveryDead_afterTheSchedule() {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 502);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "dead".equals(status(event.eventId(), endpoint)));
		// Schedule 0s,300ms,300ms,300ms: four attempts.
		assertThat(receiver.count()).isEqualTo(4);
		assertThat(delivery(event.eventId(), endpoint).get("attempts")).isEqualTo(4);
		assertThat(jdbc.queryForObject("select failing_since is not null from webhooks.endpoint_health where endpoint_id = ?",
				Boolean.class, endpoint))
			.isTrue();
	}

	@Test
	void redirect_isNotFollowed_andCountsAsAFailedAttempt() {
		UUID ledger = newLedger();
		Receiver target = receiver(null, 200);
		Receiver redirecting = receiver(null,
				(request) -> new Receiver.Response(302, Map.of("location", target.url()), ""));
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, redirecting.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> redirecting.count() >= 1 && !"succeeded".equals(status(event.eventId(), endpoint))
				&& delivery(event.eventId(), endpoint).get("last_status_code") != null);
		assertThat(delivery(event.eventId(), endpoint).get("last_status_code")).isEqualTo(302);
		assertThat(status(event.eventId(), endpoint)).isNotEqualTo("succeeded");
		await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> target.count() == 0);
	}

	@Test
	void clientError_failsTheDelivery_withoutRetry() {
		UUID ledger = newLedger();
		Receiver refusing = receiver(null,
				(request) -> new Receiver.Response(422, Map.of("content-type", "application/json"), "{\"error\":\"no\"}"));
		Receiver marker = receiver(null, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, refusing.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "failed".equals(status(event.eventId(), endpoint)));
		// Give a retry every chance to happen: another endpoint of the ledger gets a later event first.
		CommandSchema.newEndpoint(jdbc, ledger, marker.url(), CommandSchema.newSecret(), List.of());
		events.publish(Events.accountCreated(ledger, 2));
		await().atMost(DEADLINE).until(() -> marker.count() == 1);
		await().during(Duration.ofMillis(700))
			.atMost(DEADLINE)
			.until(() -> refusing.requests()
				.stream()
				.filter((request) -> request.webhookId().equals(event.eventId().toString()))
				.count() == 1);
		Map<String, Object> delivery = delivery(event.eventId(), endpoint);
		assertThat(delivery.get("attempts")).isEqualTo(1);
		assertThat(delivery.get("last_status_code")).isEqualTo(422);
		assertThat(jdbc.queryForObject("select response_excerpt from webhooks.delivery_attempts where delivery_id = ?",
				String.class, delivery.get("id")))
			.isEqualTo("{\"error\":\"no\"}");
	}

	@Test
	void gone410_disablesTheEndpoint_andWritesTheAuditLog() {
		UUID ledger = newLedger();
		Receiver gone = receiver(null, 410);
		Receiver other = receiver(null, 200);
		UUID goneEndpoint = CommandSchema.newEndpoint(jdbc, ledger, gone.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope first = Events.accountCreated(ledger, 1);

		events.publish(first);

		await().atMost(DEADLINE).until(() -> "failed".equals(status(first.eventId(), goneEndpoint)));
		Map<String, Object> endpoint = jdbc.queryForMap("select enabled, disabled_reason from public.webhook_endpoints where id = ?",
				goneEndpoint);
		assertThat(endpoint.get("enabled")).isEqualTo(false);
		assertThat((String) endpoint.get("disabled_reason")).contains("410");
		Map<String, Object> audit = jdbc.queryForMap(
				"select org_id, actor, action, details::text as details from public.audit_log where target = ?",
				"webhook_endpoint:" + goneEndpoint);
		assertThat(audit.get("action")).isEqualTo("webhook_endpoint.disabled");
		assertThat(audit.get("actor")).isEqualTo("webhook-dispatcher");
		assertThat(audit.get("org_id")).isNotNull();
		assertThat((String) audit.get("details")).contains("gone").contains(ledger.toString());

		// Later events are not delivered to the disabled endpoint at all.
		CommandSchema.newEndpoint(jdbc, ledger, other.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope second = Events.accountCreated(ledger, 2);
		events.publish(second);
		await().atMost(DEADLINE).until(() -> other.count() == 1);
		assertThat(gone.count()).isEqualTo(1);
		assertThat(status(second.eventId(), goneEndpoint)).isNull();
	}

	@Test
	void endpointFailingForFiveDays_isDisabled_withAnAuditLogRow() {
		UUID ledger = newLedger();
		Receiver failing = receiver(null, 500);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, failing.url(), CommandSchema.newSecret(), List.of());
		// Its earlier attempts have failed for five days and a minute.
		jdbc.update("""
				insert into webhooks.endpoint_health (endpoint_id, failing_since, last_failure_at, last_failure, updated_at)
				values (?, now() - interval '5 days 1 minute', now() - interval '1 hour', 'HTTP 500', now())""",
				endpoint);
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE)
			.until(() -> !jdbc.queryForObject("select enabled from public.webhook_endpoints where id = ?", Boolean.class,
					endpoint));
		assertThat(jdbc.queryForObject("select disabled_reason from public.webhook_endpoints where id = ?", String.class,
				endpoint))
			.contains("every delivery attempt failed since");
		assertThat(jdbc.queryForObject("select details->>'reason' from public.audit_log where target = ?", String.class,
				"webhook_endpoint:" + endpoint))
			.isEqualTo("failing");
		// The pending retry of the delivery is not sent to a disabled endpoint.
		await().atMost(DEADLINE).until(() -> "failed".equals(status(event.eventId(), endpoint)));
		assertThat(failing.count()).isEqualTo(1);
		assertThat((String) delivery(event.eventId(), endpoint).get("last_error")).contains("disabled");
	}

	@Test
	void healthyAttempt_endsTheFailingPeriod() {
		UUID ledger = newLedger();
		AtomicInteger calls = new AtomicInteger();
		Receiver receiver = receiver(null, (request) -> Receiver.Response.of((calls.incrementAndGet() == 1) ? 503 : 200));
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		assertThat(jdbc.queryForObject("select failing_since from webhooks.endpoint_health where endpoint_id = ?",
				java.sql.Timestamp.class, endpoint))
			.isNull();
	}

	// Retry-After and the retry schedule in real durations: RetryTimingTest, on a clock the test moves on.

	@Test
	void endlessResponseBody_isReadOnlyUpToTheExcerptLimit() {
		UUID ledger = newLedger();
		// 8 KiB of text, sent over and over until the client hangs up.
		Receiver endless = receiver(null, (request) -> Receiver.Response.endless(200, "0123456789abcdef".repeat(512)));
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, endless.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		// Reading the whole body would never end: the attempt would time out (5 s here) and be retried.
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		Map<String, Object> attempt = jdbc.queryForMap("""
				select a.status_code, a.latency_ms, a.response_excerpt, octet_length(a.response_excerpt) as bytes
				  from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id
				 where d.event_id = ?""", event.eventId());
		assertThat(attempt.get("status_code")).isEqualTo(200);
		assertThat(attempt.get("bytes")).isEqualTo(1024);
		assertThat((String) attempt.get("response_excerpt")).startsWith("0123456789abcdef");
		assertThat((Long) attempt.get("latency_ms")).isLessThan(5_000L);
		// The receiver got to write little more than what sockets buffer before the dispatcher hung up.
		assertThat(endless.bodyBytesSent()).isLessThan(Receiver.ENDLESS_BYTES_MAX);
	}

	@Test
	void slowEndpoint_doesNotDelayAnotherEndpoint_andGetsBoundedConcurrency() {
		UUID ledger = newLedger();
		CountDownLatch release = new CountDownLatch(1);
		Receiver slow = receiver(null, (request) -> {
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Receiver.Response.of(200);
		});
		Receiver fast = receiver(null, 200);
		CommandSchema.newEndpoint(jdbc, ledger, slow.url(), CommandSchema.newSecret(), List.of());
		CommandSchema.newEndpoint(jdbc, ledger, fast.url(), CommandSchema.newSecret(), List.of());
		int count = 30;
		List<EventEnvelope> batch = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			batch.add(Events.accountCreated(ledger, i));
		}
		try {
			long started = System.nanoTime();
			events.publishAll(batch);

			await().atMost(Duration.ofSeconds(10)).until(() -> fast.webhookIds().size() == count);
			long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			log.info("fast endpoint got {} events in {} ms while the slow endpoint held {} requests", count, fastMs,
					slow.count());
			assertThat(slow.count()).isLessThanOrEqualTo(PER_ENDPOINT);
			assertThat(slow.concurrentMax()).isLessThanOrEqualTo(PER_ENDPOINT);
		}
		finally {
			release.countDown();
		}
		await().atMost(DEADLINE).until(() -> slow.webhookIds().size() == count);
		assertThat(slow.concurrentMax()).isLessThanOrEqualTo(PER_ENDPOINT);
	}

	@Test
	void redeliveredKafkaRecord_doesNotCreateASecondDelivery() {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);
		EventEnvelope later = Events.accountCreated(ledger, 2);

		events.publish(event);
		events.publish(event); // the relay's at-least-once: the same event twice on the topic
		events.publish(later);

		// Same key, same partition: once the later event is delivered, both copies have been read.
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(later.eventId(), endpoint)));
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		assertThat(jdbc.queryForObject("select count(*) from webhooks.deliveries where event_id = ?", Integer.class,
				event.eventId()))
			.isEqualTo(1);
		assertThat(receiver.requests().stream().filter((r) -> r.webhookId().equals(event.eventId().toString())))
			.hasSize(1);
	}

	@Test
	void unreadableRecord_isSkipped_andTheNextEventStillArrives() {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 200);
		CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publishRaw(ledger.toString(), "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8));
		events.publishRaw(ledger.toString(), new byte[] { (byte) 0xC3, 0x28 });
		events.publish(event);

		await().atMost(DEADLINE).until(() -> receiver.count() == 1);
		assertThat(receiver.webhookIds()).containsExactly(event.eventId().toString());
	}

	@Test
	void secretRotation_signsWithBothSecrets_untilThePreviousExpires() {
		UUID ledger = newLedger();
		String current = CommandSchema.newSecret();
		String previous = CommandSchema.newSecret();
		Receiver stillOnOldSecret = receiver(previous, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, stillOnOldSecret.url(), current, List.of());
		jdbc.update("update public.webhook_endpoints set previous_secret = ?, previous_secret_expires_at = now() + interval '1 day' where id = ?",
				previous, endpoint);
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		Receiver.Request request = stillOnOldSecret.requests().get(0);
		String header = request.header("webhook-signature");
		long timestamp = Long.parseLong(request.header("webhook-timestamp"));
		assertThat(header.split(" ")).hasSize(2);
		assertThat(WebhookSignatures.verify(WebhookSecret.parse(current), header, request.webhookId(), timestamp,
				request.body()))
			.isTrue();
		assertThat(WebhookSignatures.verify(WebhookSecret.parse(previous), header, request.webhookId(), timestamp,
				request.body()))
			.isTrue();

		// Once expired, the previous secret no longer signs: a receiver still on it refuses (401, not retried).
		jdbc.update("update public.webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = ?",
				endpoint);
		EventEnvelope after = Events.accountCreated(ledger, 2);
		events.publish(after);
		await().atMost(DEADLINE).until(() -> "failed".equals(status(after.eventId(), endpoint)));
		Receiver.Request refused = stillOnOldSecret.requests().get(1);
		assertThat(refused.header("webhook-signature").split(" ")).hasSize(1);
		assertThat(refused.signatureValid()).isFalse();
	}

	@Test
	void redeliver_sendsAFinishedDeliveryAgain_withTheSameWebhookId() {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);
		events.publish(event);
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		UUID deliveryId = (UUID) delivery(event.eventId(), endpoint).get("id");
		Redeliveries redeliveries = dispatcher.getBean(Redeliveries.class);

		assertThat(redeliveries.redeliver(deliveryId)).isEqualTo(Redeliveries.Result.SCHEDULED);

		await().atMost(DEADLINE).until(() -> receiver.count() == 2);
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		assertThat(receiver.webhookIds()).containsExactly(event.eventId().toString());
		assertThat(delivery(event.eventId(), endpoint).get("attempts")).isEqualTo(2);
		assertThat(redeliveries.redeliver(UUID.randomUUID())).isEqualTo(Redeliveries.Result.NOT_FOUND);
	}

	@Test
	void redeliver_leavesAPendingDeliveryAlone() {
		UUID ledger = newLedger();
		Receiver busy = receiver(null, (request) -> new Receiver.Response(503, Map.of("Retry-After", "60"), ""));
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, busy.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);
		events.publish(event);
		await().atMost(DEADLINE).until(() -> busy.count() == 1);
		await().atMost(DEADLINE)
			.until(() -> jdbc.queryForObject("select count(*) from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id where d.event_id = ?",
					Integer.class, event.eventId()) == 1);
		Map<String, Object> before = delivery(event.eventId(), endpoint);
		assertThat(before.get("status")).isEqualTo("pending");

		Redeliveries.Result result = dispatcher.getBean(Redeliveries.class).redeliver((UUID) before.get("id"));

		assertThat(result).isEqualTo(Redeliveries.Result.ALREADY_PENDING);
		assertThat(delivery(event.eventId(), endpoint).get("next_attempt_at")).isEqualTo(before.get("next_attempt_at"));
	}

	@Test
	void unreachableReceiver_isRetried_untilTheDeliveryIsDead() {
		UUID ledger = newLedger();
		Receiver closed = Receiver.answering(null, 200);
		String url = closed.url();
		closed.close(); // nothing listens there any more: connection refused
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, url, CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);

		events.publish(event);

		await().atMost(DEADLINE).until(() -> "dead".equals(status(event.eventId(), endpoint)));
		Map<String, Object> delivery = delivery(event.eventId(), endpoint);
		assertThat(delivery.get("attempts")).isEqualTo(4);
		assertThat(delivery.get("last_status_code")).isNull();
		assertThat((String) delivery.get("last_error")).contains("connect");
	}

	@Test
	void endpointCreatedAfterAnOldEvent_doesNotReceiveIt() {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 200);
		CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope recent = Events.accountCreated(ledger, 2);
		EventEnvelope old = EventEnvelope.of(UUID.randomUUID(), ledger, 1, Instant.now().minus(Duration.ofDays(1)),
				Instant.now().minus(Duration.ofDays(1)), Events.accountCreated(ledger, 1).payload());

		events.publish(old);
		events.publish(recent);

		await().atMost(DEADLINE).until(() -> receiver.count() == 1);
		assertThat(receiver.webhookIds()).containsExactly(recent.eventId().toString());
	}

	@Test
	void deliveryInsertedByAnotherModule_isSent_likeAnyOther() {
		// What command-api's "send a test event" does: a row in webhooks.deliveries with only the required columns.
		UUID ledger = newLedger();
		String secret = CommandSchema.newSecret();
		Receiver receiver = receiver(secret, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), secret, List.of());
		UUID deliveryId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String body = "{\"type\": \"webhook.test\", \"timestamp\": \"" + Instant.now() + "\", \"data\": {\"message\": \"hi\"}}";
		jdbc.update("""
				insert into webhooks.deliveries (id, ledger_id, endpoint_id, event_id, event_type, sequence, body, status,
				                                 next_attempt_at, created_at, updated_at)
				values (?, ?, ?, ?, 'webhook.test', 1, ?::jsonb, 'pending', now(), now(), now())""", deliveryId, ledger,
				endpoint, eventId, body);

		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(eventId, endpoint)));
		Receiver.Request request = receiver.requests().get(0);
		assertThat(request.signatureValid()).isTrue();
		assertThat(request.webhookId()).isEqualTo(eventId.toString());
		assertThat(EventSerde.mapper().readTree(request.body()).get("type").asString()).isEqualTo("webhook.test");
	}

	@Test
	void actuator_exposesHealthAndTheDeliveryMetrics() throws Exception {
		UUID ledger = newLedger();
		Receiver receiver = receiver(null, 200);
		UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		EventEnvelope event = Events.accountCreated(ledger, 1);
		events.publish(event);
		await().atMost(DEADLINE).until(() -> "succeeded".equals(status(event.eventId(), endpoint)));
		String port = dispatcher.getEnvironment().getProperty("local.server.port");
		HttpClient client = HttpClient.newHttpClient();

		HttpResponse<String> health = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> prometheus = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		// Their values are checked in DeliveryMetricsTest; here, that they are all exposed.
		assertThat(prometheus.body()).contains("laas_webhooks_attempts_total{")
			.contains("laas_webhooks_attempt_latency_seconds_bucket{")
			.contains("laas_webhooks_deliveries_succeeded_total ")
			.contains("laas_webhooks_delivery_attempts_count{")
			.contains("laas_webhooks_deliveries_pending ")
			.contains("laas_webhooks_queue_depth ")
			.contains("laas_webhooks_queue_oldest_age_seconds ")
			.contains("laas_webhooks_endpoints_failing ")
			.contains("laas_webhooks_endpoints_failing_longest_seconds ")
			.contains("laas_webhooks_deliveries_in_flight ")
			.contains("laas_webhooks_intake_events_total ");
	}

}
