package io.laas.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9: the dispatcher's {@code /actuator/health} shows {@code intake} (consuming, lag), {@code kafka} and
 * {@code db}; readiness holds readinessState, db, kafka and intake. Lag is a detail ({@code lagging}) that leaves
 * readiness UP; a stopped intake consumer is DOWN in health and readiness, while liveness stays UP.
 */
@ExtendWith(InfraExtension.class)
class DispatcherHealthTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void lag_isShownAsLaggingDetail_whileIntakeAndReadinessStayUp() {
		CommandSchema.jdbc();
		try (Events events = Events.onNewTopic("health-lag")) {
			UUID ledger = UUID.randomUUID();
			List<EventEnvelope> batch = new ArrayList<>();
			for (int sequence = 1; sequence <= 61; sequence++) {
				batch.add(Events.transactionPosted(ledger, sequence));
			}
			events.publishAll(batch);
			// One record per poll: after the first poll the consumer is 60 records behind, above the threshold of 10.
			try (ConfigurableApplicationContext app = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
					"spring.kafka.consumer.max-poll-records=1", "laas.health.lagging-records=10")) {
				int port = port(app);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> intake(get(port, "")).path("details").path("lagging").asBoolean());
				Probe health = get(port, "");
				assertThat(health.status).as(health.json.toString()).isEqualTo(200);
				JsonNode intake = intake(health);
				assertThat(intake.path("status").asString()).isEqualTo("UP");
				assertThat(intake.path("details").path("consuming").asBoolean()).isTrue();
				assertThat(intake.path("details").path("assignedPartitions").asInt()).isEqualTo(3);
				assertThat(intake.path("details").path("recordsBehindMax").asLong()).isGreaterThan(10)
					.isLessThanOrEqualTo(61);
				JsonNode kafka = health.json.path("components").path("kafka");
				assertThat(kafka.path("status").asString()).as(kafka.toString()).isEqualTo("UP");
				assertThat(kafka.path("details").path("clusterId").asString()).isNotEmpty();
				assertThat(health.json.path("components").path("db").path("status").asString()).isEqualTo("UP");
				System.out.println("dispatcher health while lagging: " + health.json);

				Probe readiness = get(port, "/readiness");
				assertThat(readiness.status).as(readiness.json.toString()).isEqualTo(200);
				assertThat(componentNames(readiness.json)).containsExactlyInAnyOrder("readinessState", "db", "kafka",
						"intake");
				Probe liveness = get(port, "/liveness");
				assertThat(componentNames(liveness.json)).containsExactly("livenessState");
			}
		}
	}

	@Test
	void stoppedIntake_isDownInHealthAndReadiness_whileLivenessStaysUp() {
		CommandSchema.jdbc();
		try (Events events = Events.onNewTopic("health-stop");
				ConfigurableApplicationContext app = Dispatchers.start(events.topic(), Dispatchers.newGroupId())) {
			int port = port(app);
			await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/readiness").status == 200);
			assertThat(intake(get(port, "")).path("details").path("consuming").asBoolean()).isTrue();

			app.getBean(KafkaListenerEndpointRegistry.class).stop();

			Probe health = get(port, "");
			assertThat(health.status).isEqualTo(503);
			JsonNode intake = intake(health);
			assertThat(intake.path("status").asString()).as(intake.toString()).isEqualTo("DOWN");
			assertThat(intake.path("details").path("consuming").asBoolean()).isFalse();
			assertThat(health.json.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
			Probe readiness = get(port, "/readiness");
			assertThat(readiness.status).as(readiness.json.toString()).isEqualTo(503);
			assertThat(readiness.json.path("components").path("intake").path("status").asString()).isEqualTo("DOWN");
			assertThat(get(port, "/liveness").status).isEqualTo(200);
		}
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	private static JsonNode intake(Probe health) {
		return health.json.path("components").path("intake");
	}

	private static List<String> componentNames(JsonNode health) {
		List<String> names = new ArrayList<>();
		health.path("components").propertyNames().forEach(names::add);
		return names;
	}

	private static Probe get(int port, String group) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health" + group))
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return new Probe(response.statusCode(), EventSerde.mapper().readTree(response.body()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("GET /actuator/health" + group + " failed", ex);
		}
	}

	private record Probe(int status, JsonNode json) {
	}

}
