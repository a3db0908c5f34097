package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * server.properties of the single-node KRaft broker: one process is broker and controller, every replication
 * factor is 1, and every listener is on the loopback interface.
 */
final class KafkaServerProperties {

	static final String NODE_ID = "1";

	/**
	 * 12, not Kafka's 50: every partition of __consumer_offsets and __transaction_state is loaded and led by this
	 * one broker, and on 2 cores fewer partitions make the first group join and transaction noticeably faster.
	 */
	private static final String INTERNAL_TOPIC_PARTITIONS = "12";

	private KafkaServerProperties() {
	}

	static Map<String, String> of(Path logDirectory, int port, int controllerPort) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", NODE_ID);
		properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
		properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("log.dirs", logDirectory.toAbsolutePath().toString());
		properties.put("num.partitions", "12");
		properties.put("default.replication.factor", "1");
		properties.put("min.insync.replicas", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		// Consumers in tests join one at a time; Kafka's default 3 s wait for more members only delays them.
		properties.put("group.initial.rebalance.delay.ms", "0");
		// Every topic is created on purpose (KafkaTopics): a typo in a topic name fails instead of creating one.
		properties.put("auto.create.topics.enable", "false");
		return properties;
	}

	static void write(Path file, Map<String, String> properties) {
		String text = properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("\n", "# Written by io.laas.infra.LocalKafka on every start.\n", "\n"));
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
