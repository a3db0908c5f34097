package io.laas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import tools.jackson.databind.JsonNode;

/**
 * With {@code LAAS_LOG_FORMAT=json}, every delivery attempt logs one JSON line that names the delivery, the endpoint,
 * the event and its {@code (ledger_id, sequence)}, the HTTP status and what became of the delivery.
 */
@ExtendWith({ InfraExtension.class, OutputCaptureExtension.class })
class AttemptLogTest {

	/**
	 * Spring Boot copies the format into this system property only if it is not set yet: the first application of
	 * the JVM decides it for every later one. Cleared around the application that must log JSON.
	 */
	@BeforeEach
	@AfterEach
	void forgetTheJvmsFirstFormat() {
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void eachAttempt_logsOneJsonLine_joiningDeliveryToEventLedgerAndSequence(CapturedOutput output) {
		JdbcTemplate jdbc = CommandSchema.jdbc();
		UUID ledger = CommandSchema.newLedger(jdbc);
		String secret = CommandSchema.newSecret();
		try (Events events = Events.onNewTopic("webhooks-attempt-log");
				Receiver receiver = Receiver.start(secret, (request) -> Receiver.Response.of(204));
				ConfigurableApplicationContext dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
						"LAAS_LOG_FORMAT=json")) {
			UUID endpoint = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), secret, List.of());
			EventEnvelope event = Events.transactionPosted(ledger, 7);

			events.publish(event);

			JsonNode line = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> attemptLines(output, event.eventId()), (found) -> !found.isEmpty())
				.get(0);
			Map<String, Object> delivery = jdbc.queryForMap(
					"select id, attempts from webhooks.deliveries where event_id = ? and endpoint_id = ?",
					event.eventId(), endpoint);
			assertThat(line.path("level").asString()).isEqualTo("INFO");
			assertThat(line.path("delivery_id").asString()).isEqualTo(delivery.get("id").toString());
			assertThat(line.path("attempt").asInt()).isEqualTo(1);
			assertThat(line.path("endpoint_id").asString()).isEqualTo(endpoint.toString());
			assertThat(line.path("ledger_id").asString()).isEqualTo(ledger.toString());
			assertThat(line.path("sequence").asLong()).isEqualTo(7);
			assertThat(line.path("event_type").asString()).isEqualTo("transaction.posted");
			assertThat(line.path("status_code").asInt()).isEqualTo(204);
			assertThat(line.path("reason").asString()).isEqualTo("http_2xx");
			assertThat(line.path("outcome").asString()).isEqualTo("succeeded");
			assertThat(output.getOut()).doesNotContain(receiver.url());
		}
		finally {
			CommandSchema.retire(jdbc, List.of(ledger));
		}
	}

	/** The attempt lines naming this event; a line of that logger that is not JSON fails the parse. */
	private static List<JsonNode> attemptLines(CapturedOutput output, UUID eventId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("io.laas.webhooks.attempts") && line.contains(eventId.toString()))
			.map((line) -> EventSerde.mapper().readTree(line))
			.toList();
	}

}
