package io.laas.command.relay;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code kafka} component against the real broker, and against a port where nothing listens. */
@ExtendWith(InfraExtension.class)
class KafkaHealthTest {

	@Test
	void kafka_isUp_withTheClusterId_whenTheBrokerAnswers() {
		KafkaHealth kafka = new KafkaHealth(properties(TestInfra.get().bootstrapServers()), new HealthSettings(2000, 10_000));
		try {
			Health health = kafka.health();
			assertThat(health.getStatus()).as(health.toString()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("clusterId", "nodes", "checkedAt");
		}
		finally {
			kafka.destroy();
		}
	}

	@Test
	void kafka_isDownWithinTheTimeout_andTheAnswerIsReusedForTheCachePeriod_whenNoBrokerListens() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		KafkaHealth kafka = new KafkaHealth(properties("127.0.0.1:" + port), new HealthSettings(500, 60_000));
		try {
			long started = System.nanoTime();
			Health first = kafka.health();
			long firstMs = (System.nanoTime() - started) / 1_000_000;
			assertThat(first.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(first.getDetails().get("error"))).contains("Timed out waiting");
			assertThat(firstMs).as("bounded by kafka-timeout-ms, with some slack").isLessThan(2_500);

			long again = System.nanoTime();
			Health second = kafka.health();
			assertThat(second).as("cached").isSameAs(first);
			assertThat((System.nanoTime() - again) / 1_000_000).isLessThan(100);
			System.out.println("kafka health with no broker: DOWN after " + firstMs + " ms (timeout 500 ms): "
					+ first.getDetails().get("error"));
		}
		finally {
			kafka.destroy();
		}
	}

	private static KafkaProperties properties(String bootstrap) {
		KafkaProperties properties = new KafkaProperties();
		properties.setBootstrapServers(List.of(bootstrap));
		return properties;
	}

}
