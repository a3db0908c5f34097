package io.laas.infra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints a topic from the beginning, one {@code partition/offset key value} line per record, and keeps following
 * it: {@code java -cp "infra/target/infra-0.1.0-SNAPSHOT.jar:infra/target/lib/*" io.laas.infra.TailTopic
 * <bootstrap> <topic>}. A throw-away consumer group, so it never moves anyone's offsets.
 */
public final class TailTopic {

	private TailTopic() {
	}

	public static void main(String[] args) {
		if (args.length < 2) {
			System.err.println("usage: TailTopic <bootstrap-servers> <topic>");
			System.exit(2);
		}
		// Only records on stdout: the Kafka client's start-up chatter would drown them (logback defaults to DEBUG).
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(args[1]));
			while (true) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					System.out.println(record.partition() + "/" + record.offset() + " " + record.key() + " "
							+ new String(record.value(), StandardCharsets.UTF_8));
				}
			}
		}
	}

}
