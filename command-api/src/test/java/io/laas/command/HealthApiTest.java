package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9: {@code /actuator/health} shows the relay (leader streaming, standby, refused), Kafka and the database;
 * readiness holds only readinessState and the database, so a relay that refuses takes no instance out of the load
 * balancer; liveness holds only livenessState.
 */
class HealthApiTest extends ApiTestSupport {

	@Test
	void health_showsTheLeadingRelayStreaming_kafkaAndDbUp_andReadinessHoldsOnlyTheDatabase() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "streaming".equals(health(port, "").json.path("components").path("relay").path("details")
				.path("state").asString()));
		Probe health = health(port, "");
		assertThat(health.status).as(health.body()).isEqualTo(200);
		JsonNode relay = health.json.path("components").path("relay");
		assertThat(relay.path("status").asString()).isEqualTo("UP");
		assertThat(relay.path("details").path("leader").asBoolean()).isTrue();
		assertThat(relay.path("details").has("publishLagMs")).as(relay.toString()).isTrue();
		assertThat(relay.path("details").path("slotLagBytes").asLong()).as("the test slot exists").isGreaterThanOrEqualTo(0);
		JsonNode kafka = health.json.path("components").path("kafka");
		assertThat(kafka.path("status").asString()).as(kafka.toString()).isEqualTo("UP");
		assertThat(kafka.path("details").path("clusterId").asString()).isNotEmpty();
		assertThat(kafka.path("details").path("nodes").asInt()).isEqualTo(1);
		assertThat(health.json.path("components").path("db").path("status").asString()).isEqualTo("UP");
		System.out.println("command-api health, leader: " + health.body());

		Probe readiness = health(port, "/readiness");
		assertThat(readiness.status).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.json.path("status").asString()).isEqualTo("UP");
		assertThat(componentNames(readiness.json)).containsExactlyInAnyOrder("readinessState", "db");
		Probe liveness = health(port, "/liveness");
		assertThat(liveness.status).isEqualTo(200);
		assertThat(componentNames(liveness.json)).containsExactly("livenessState");
	}

	@Test
	void refusingRelay_isDownInHealth_whileReadinessStaysUp() {
		String slot = "laas_relay_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		// Offsets stored for a slot that does not exist: the relay must refuse (SlotCheck), as after a lost slot.
		jdbc.update("insert into relay_offsets (store_name, offset_key, offset_value) values (?, ?, ?)", slot,
				new byte[] { 1 }, new byte[] { 1 });
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CommandApiApplication.class)
			.run("--server.port=0", "--spring.profiles.active=test", "--laas.relay.slot-name=" + slot)) {
			int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
			await().atMost(Duration.ofSeconds(30)).until(() -> health(otherPort, "").status == 503);
			Probe health = health(otherPort, "");
			assertThat(health.json.path("status").asString()).isEqualTo("DOWN");
			JsonNode relay = health.json.path("components").path("relay");
			assertThat(relay.path("status").asString()).as(relay.toString()).isEqualTo("DOWN");
			assertThat(relay.path("details").path("state").asString()).isEqualTo("refused");
			assertThat(relay.path("details").path("problem").asString())
				.contains("replication slot " + slot + " is gone but offsets are stored for it")
				.contains("docs/operations.md");
			assertThat(relay.path("details").path("slotLagBytes").asLong()).as("no such slot").isEqualTo(-1);
			// Refused again at every retry (every 200 ms in tests), yet "since" keeps the start of the refusal.
			String since = relay.path("details").path("since").asString();
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> since
				.equals(health(otherPort, "").json.path("components").path("relay").path("details").path("since").asString()));
			assertThat(health.json.path("components").path("db").path("status").asString()).isEqualTo("UP");
			System.out.println("command-api health, relay refused: " + health.body());

			Probe readiness = health(otherPort, "/readiness");
			assertThat(readiness.status).as(readiness.body()).isEqualTo(200);
			assertThat(readiness.json.path("status").asString()).isEqualTo("UP");
			assertThat(health(otherPort, "/liveness").status).isEqualTo(200);
		}
		finally {
			jdbc.update("delete from relay_offsets where store_name = ?", slot);
		}
	}

	@Test
	void standbyRelay_isUp_andNotLeader() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "streaming".equals(health(port, "").json.path("components").path("relay").path("details")
				.path("state").asString()));
		try (ConfigurableApplicationContext standby = new SpringApplicationBuilder(CommandApiApplication.class)
			.run("--server.port=0", "--spring.profiles.active=test")) {
			int standbyPort = ((WebServerApplicationContext) standby).getWebServer().getPort();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "standby".equals(health(standbyPort, "").json.path("components").path("relay")
					.path("details").path("state").asString()));
			Probe health = health(standbyPort, "");
			assertThat(health.status).as(health.body()).isEqualTo(200);
			JsonNode relay = health.json.path("components").path("relay");
			assertThat(relay.path("status").asString()).isEqualTo("UP");
			assertThat(relay.path("details").path("leader").asBoolean()).isFalse();
			assertThat(relay.path("details").has("publishLagMs")).as("only the leader publishes").isFalse();
		}
	}

	private static List<String> componentNames(JsonNode health) {
		List<String> names = new ArrayList<>();
		health.path("components").propertyNames().forEach(names::add);
		return names;
	}

	private static Probe health(int port, String group) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health" + group))
						.timeout(Duration.ofSeconds(10))
						.GET()
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return new Probe(response.statusCode(), EventSerde.mapper().readTree(response.body()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("GET /actuator/health" + group + " failed", ex);
		}
	}

	private record Probe(int status, JsonNode json) {

		String body() {
			return json.toString();
		}

	}

}
