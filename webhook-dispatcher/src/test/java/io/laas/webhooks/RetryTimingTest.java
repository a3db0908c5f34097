package io.laas.webhooks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import io.laas.webhooks.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When retries happen, on the production schedule and with the receivers' Retry-After, without waiting for it: the
 * dispatcher reads time from a {@link TestClock} that the tests move on by minutes and hours. Receivers here do
 * not check signatures, whose timestamps follow the moved clock.
 */
@ExtendWith(InfraExtension.class)
class RetryTimingTest {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	/** Long enough for the dispatcher's idle poll (50 ms) to have looked several times. */
	private static final Duration QUIET = Duration.ofMillis(400);

	private static final Duration RETRY_AFTER_MAX = Duration.ofHours(6);

	private static final TestClock clock = new TestClock();

	private static JdbcTemplate jdbc;

	private static Events events;

	private static ConfigurableApplicationContext dispatcher;

	private static final List<UUID> ledgers = new ArrayList<>();

	private static final List<Receiver> receivers = new ArrayList<>();

	@BeforeAll
	static void startDispatcher() {
		jdbc = CommandSchema.jdbc();
		events = Events.onNewTopic("webhooks-retry-timing-test");
		dispatcher = Dispatchers.start(clock, events.topic(), Dispatchers.newGroupId(),
				// The production defaults, which the other tests shorten to milliseconds.
				"laas.webhooks.retry-schedule=0s,5s,5m,30m,2h,5h,10h,10h", "laas.webhooks.retry-jitter-percent=10",
				"laas.webhooks.retry-after-ms-max=" + RETRY_AFTER_MAX.toMillis());
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

	/** An endpoint of a new ledger, whose receiver answers with {@code answers} in turn (the last one from then on). */
	private static Endpoint endpoint(Receiver.Response... answers) {
		UUID ledger = CommandSchema.newLedger(jdbc);
		ledgers.add(ledger);
		AtomicInteger calls = new AtomicInteger();
		Receiver receiver = Receiver.start(null,
				(request) -> answers[Math.min(calls.getAndIncrement(), answers.length - 1)]);
		receivers.add(receiver);
		UUID id = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());
		return new Endpoint(ledger, id, receiver);
	}

	private record Endpoint(UUID ledger, UUID id, Receiver receiver) {
	}

	private static Map<String, Object> delivery(UUID eventId) {
		return jdbc.queryForMap("select * from webhooks.deliveries where event_id = ?", eventId);
	}

	/** Waits until the delivery has recorded {@code attempts} attempts and is final or waiting for a retry. */
	private static Map<String, Object> awaitAttempts(UUID eventId, int attempts) {
		await().atMost(DEADLINE).until(() -> {
			List<Map<String, Object>> rows = jdbc.queryForList("""
					select d.status, count(a.attempt) as recorded
					  from webhooks.deliveries d left join webhooks.delivery_attempts a on a.delivery_id = d.id
					 where d.event_id = ? group by d.status""", eventId);
			return rows.size() == 1 && ((Number) rows.get(0).get("recorded")).intValue() == attempts;
		});
		return delivery(eventId);
	}

	private static Instant attemptAt(UUID eventId, int attempt) {
		return jdbc.queryForObject("""
				select a.at from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id
				 where d.event_id = ? and a.attempt = ?""", Timestamp.class, eventId, attempt).toInstant();
	}

	private static Instant nextAttemptAt(Map<String, Object> delivery) {
		return ((Timestamp) delivery.get("next_attempt_at")).toInstant();
	}

	/** Moves the clock to just past {@code at}. */
	private static void advanceTo(Instant at) {
		Duration ahead = Duration.between(clock.instant(), at).plusMillis(10);
		if (!ahead.isNegative()) {
			clock.advance(ahead);
		}
	}

	/** Nothing more reaches the receiver for a while. */
	private static void assertNoRequestFor(Receiver receiver, int count) {
		await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> receiver.count() == count);
	}

	@Test
	void retryAfterSeconds_isHonoured_insteadOfTheSchedule() {
		Endpoint endpoint = endpoint(new Receiver.Response(429, Map.of("Retry-After", "3600"), ""),
				Receiver.Response.of(200));
		EventEnvelope event = Events.accountCreated(endpoint.ledger(), 1);

		events.publish(event);

		Map<String, Object> waiting = awaitAttempts(event.eventId(), 1);
		assertThat(waiting.get("status")).isEqualTo("pending");
		// Due an hour after the 429 (both instants are the dispatcher's clock), not after the schedule's 5 s.
		assertThat(Duration.between(attemptAt(event.eventId(), 1), nextAttemptAt(waiting)))
			.isBetween(Duration.ofSeconds(3599), Duration.ofSeconds(3600));
		clock.advance(Duration.ofMinutes(59));
		assertNoRequestFor(endpoint.receiver(), 1);

		advanceTo(nextAttemptAt(waiting));

		Map<String, Object> done = awaitAttempts(event.eventId(), 2);
		assertThat(done.get("status")).isEqualTo("succeeded");
		assertThat(endpoint.receiver().webhookIds()).containsExactly(event.eventId().toString());
	}

	@Test
	void retryAfterHttpDate_isHonoured() {
		// The receiver names a moment two hours ahead on the dispatcher's clock.
		String inTwoHours = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(clock.instant().plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC));
		Endpoint endpoint = endpoint(new Receiver.Response(503, Map.of("Retry-After", inTwoHours), ""),
				Receiver.Response.of(204));
		EventEnvelope event = Events.accountCreated(endpoint.ledger(), 1);

		events.publish(event);

		Map<String, Object> waiting = awaitAttempts(event.eventId(), 1);
		Instant named = DateTimeFormatter.RFC_1123_DATE_TIME.parse(inTwoHours, Instant::from);
		assertThat(nextAttemptAt(waiting)).isBetween(named.minusSeconds(1), named.plusSeconds(1));
		clock.advance(Duration.ofMinutes(100));
		assertNoRequestFor(endpoint.receiver(), 1);

		advanceTo(nextAttemptAt(waiting));

		assertThat(awaitAttempts(event.eventId(), 2).get("status")).isEqualTo("succeeded");
	}

	@Test
	void retryAfter_isCappedAtRetryAfterMsMax() {
		Endpoint endpoint = endpoint(new Receiver.Response(429, Map.of("Retry-After", "864000"), ""),
				Receiver.Response.of(200));
		EventEnvelope event = Events.accountCreated(endpoint.ledger(), 1);

		events.publish(event);

		Map<String, Object> waiting = awaitAttempts(event.eventId(), 1);
		// Ten days asked for, six hours (retry-after-ms-max) granted.
		assertThat(Duration.between(attemptAt(event.eventId(), 1), nextAttemptAt(waiting)))
			.isBetween(RETRY_AFTER_MAX.minusSeconds(1), RETRY_AFTER_MAX);

		advanceTo(nextAttemptAt(waiting));

		assertThat(awaitAttempts(event.eventId(), 2).get("status")).isEqualTo("succeeded");
	}

	@Test
	void failingReceiver_isRetriedOnTheSchedule_withJitter_untilTheDeliveryIsDead() {
		List<Duration> schedule = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
				Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
		Endpoint endpoint = endpoint(Receiver.Response.of(500));
		EventEnvelope event = Events.accountCreated(endpoint.ledger(), 1);

		events.publish(event);

		for (int attempt = 1; attempt <= schedule.size(); attempt++) {
			Map<String, Object> waiting = awaitAttempts(event.eventId(), attempt);
			assertThat(waiting.get("status")).as("after attempt " + attempt).isEqualTo("pending");
			Duration delay = Duration.between(attemptAt(event.eventId(), attempt), nextAttemptAt(waiting));
			Duration planned = schedule.get(attempt - 1);
			// ±10 % jitter; the attempt row is written a few milliseconds after the delay is computed.
			assertThat(delay).as("delay after attempt " + attempt)
				.isBetween(planned.multipliedBy(9).dividedBy(10).minusSeconds(1), planned.multipliedBy(11).dividedBy(10));
			advanceTo(nextAttemptAt(waiting));
		}

		Map<String, Object> dead = awaitAttempts(event.eventId(), 8);
		assertThat(dead.get("status")).isEqualTo("dead");
		assertThat(dead.get("next_attempt_at")).isNull();
		assertThat(endpoint.receiver().count()).isEqualTo(8);
		assertThat(endpoint.receiver().webhookIds()).containsExactly(event.eventId().toString());
		// About 27.6 hours of the schedule, in a few seconds.
		assertThat(clock.offset()).isGreaterThan(Duration.ofHours(24));
	}

}
