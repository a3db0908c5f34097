package io.laas.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfraTest {

	@Test
	void postgres_isARealServerWithLogicalDecoding() throws Exception {
		TestInfra infra = TestInfra.get();
		try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(), infra.postgres().user(),
				infra.postgres().password()); Statement statement = connection.createStatement()) {
			ResultSet walLevel = statement.executeQuery("SHOW wal_level");
			walLevel.next();
			assertThat(walLevel.getString(1)).isEqualTo("logical");
			ResultSet syncCommit = statement.executeQuery("SHOW synchronous_commit");
			syncCommit.next();
			assertThat(syncCommit.getString(1)).isEqualTo("on");
		}
	}

	@Test
	void kafka_deliversAProducedRecordToAConsumer() throws Exception {
		TestInfra infra = TestInfra.get();
		KafkaTopics.createTopic(infra.bootstrapServers(), "infra-smoke", 3, (short) 1, Map.of());
		Properties producerConfig = new Properties();
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>("infra-smoke", "k", "hello")).get();
		}
		Properties consumerConfig = new Properties();
		consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-smoke");
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of("infra-smoke"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			String received = null;
			while (received == null && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				if (!records.isEmpty()) {
					received = records.iterator().next().value();
				}
			}
			assertThat(received).isEqualTo("hello");
		}
	}

}
