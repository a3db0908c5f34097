package io.laas.command;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.command.relay.EventRelay;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.Topics;
import io.laas.events.TransactionPosted;
import io.laas.infra.TestInfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One relay leads, a second instance waits; when the leader stops, the standby takes over and nothing is lost. */
class RelayFailoverTest extends ApiTestSupport {

	@Autowired
	EventRelay relay;

	@Test
	void standbyTakesOver_whenTheLeaderStops_andEventsStillReachKafka() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
		ConfigurableApplicationContext standby = new SpringApplicationBuilder(CommandApiApplication.class)
			.run("--server.port=0", "--spring.profiles.active=test");
		try {
			EventRelay standbyRelay = standby.getBean(EventRelay.class);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !standbyRelay.isLeader());

			relay.stop();
			long stoppedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(30)).until(standbyRelay::isLeader);
			System.out.println("relay failover: standby leading " + (System.nanoTime() - stoppedAt) / 1_000_000
					+ " ms after the leader stopped");

			Response posted = post("/v1/transactions", sale("after-failover", "3.00"));
			assertThat(posted.status()).isEqualTo(201);
			assertThat(awaitOnTopic(UUID.fromString(posted.json().path("id").asString()))).isTrue();
		}
		finally {
			standby.close();
			relay.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
	}

	private boolean awaitOnTopic(UUID transactionId) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "failover-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.LEDGER_EVENTS));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					EventEnvelope envelope = EventSerde.fromBytes(record.value());
					if (envelope.payload() instanceof TransactionPosted p && p.transactionId().equals(transactionId)) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
