package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.infra.KafkaTopics;
import io.laas.infra.TestInfra;
import io.laas.projector.ProjectorApplication;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9: the projector's {@code /actuator/health} shows {@code feed} (consuming, lag), {@code kafka} and
 * {@code db}; readiness holds readinessState, db, kafka and feed. Lag is a detail ({@code lagging}) that leaves
 * readiness UP; a stopped feed is DOWN in health and in readiness, while liveness stays UP.
 */
@ExtendWith(InfraExtension.class)
class FeedHealthTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void lag_isShownAsLaggingDetail_whileFeedAndReadinessStayUp() {
		String topic = Projectors.uniqueTopic("health-lag");
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 1, (short) 1, Map.of());
		LedgerScript ledger = new LedgerScript();
		List<EventEnvelope> events = new ArrayList<>();
		events.add(ledger.open("cash", "asset", "USD"));
		events.add(ledger.open("revenue", "revenue", "USD"));
		for (int i = 0; i < 60; i++) {
			events.add(ledger.post(UUID.randomUUID(), "cash", "revenue", "1.00"));
		}
		try (Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(events);
		}
		// One record per poll: after the first poll the consumer is 61 records behind, above the threshold of 10.
		try (ConfigurableApplicationContext app = start(topic, "--laas.projector.consumers=1",
				"--laas.projector.max-poll-records=1", "--laas.health.lagging-records=10")) {
			int port = port(app);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> feed(get(port, "")).path("details").path("lagging").asBoolean());
			Probe health = get(port, "");
			assertThat(health.status).as(health.json.toString()).isEqualTo(200);
			JsonNode feed = feed(health);
			assertThat(feed.path("status").asString()).isEqualTo("UP");
			assertThat(feed.path("details").path("consuming").asBoolean()).isTrue();
			assertThat(feed.path("details").path("recordsBehindMax").asLong()).isGreaterThan(10).isLessThanOrEqualTo(62);
			assertThat(feed.path("details").path("recordsBehind").size()).as("one consumer").isEqualTo(1);
			assertThat(feed.path("details").has("secondsBehind")).isTrue();
			JsonNode kafka = health.json.path("components").path("kafka");
			assertThat(kafka.path("status").asString()).as(kafka.toString()).isEqualTo("UP");
			assertThat(kafka.path("details").path("clusterId").asString()).isNotEmpty();
			assertThat(health.json.path("components").path("db").path("status").asString()).isEqualTo("UP");
			System.out.println("projector health while lagging: " + health.json);

			Probe readiness = get(port, "/readiness");
			assertThat(readiness.status).as(readiness.json.toString()).isEqualTo(200);
			assertThat(componentNames(readiness.json)).containsExactlyInAnyOrder("readinessState", "db", "kafka", "feed");

			// and it does catch up: the lag is real, not a stuck consumer
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> meters.counter("laas.projector.events.applied").count() >= events.size());
		}
	}

	@Test
	void stoppedFeed_isDownInHealthAndReadiness_whileLivenessStaysUp() {
		String topic = Projectors.uniqueTopic("health-stop");
		try (ConfigurableApplicationContext app = start(topic)) {
			int port = port(app);
			await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/readiness").status == 200);
			JsonNode before = feed(get(port, ""));
			assertThat(before.path("status").asString()).isEqualTo("UP");
			assertThat(before.path("details").path("consuming").asBoolean()).isTrue();
			assertThat(before.path("details").path("lagging").asBoolean()).as("an empty topic").isFalse();

			app.getBean(LedgerEventsFeed.class).stop();

			Probe health = get(port, "");
			assertThat(health.status).isEqualTo(503);
			JsonNode feed = feed(health);
			assertThat(feed.path("status").asString()).isEqualTo("DOWN");
			assertThat(feed.path("details").path("consuming").asBoolean()).isFalse();
			assertThat(health.json.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
			Probe readiness = get(port, "/readiness");
			assertThat(readiness.status).as(readiness.json.toString()).isEqualTo(503);
			assertThat(readiness.json.path("components").path("feed").path("status").asString()).isEqualTo("DOWN");
			assertThat(get(port, "/liveness").status).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(String topic, String... more) {
		TestInfra.get().exportSpringProperties();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--laas.events.topic=" + topic,
				"--laas.projector.group-id=health-" + UUID.randomUUID()));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(ProjectorApplication.class).properties(ProjectorApplication.defaults())
			.run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	private static JsonNode feed(Probe health) {
		return health.json.path("components").path("feed");
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
