package io.laas.projector.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.laas.events.Topics;

/**
 * {@code laas.events.*}: the topics the projector reads and dead-letters to, and how to create them when missing
 * (the broker does not auto-create topics). The same keys as command-api's, so one setting serves both.
 *
 * @param topic the ledger events topic
 * @param deadLetterTopic where unreadable records go; empty means {@code <topic>-dlt}
 * @param topicPartitions partitions of a topic created here; the unit of parallelism of a consumer group
 * @param replicationFactor replication factor of a topic created here
 * @param createTimeoutMs how long topic creation at start-up may take
 */
@ConfigurationProperties("laas.events")
public record TopicSettings(@DefaultValue(Topics.LEDGER_EVENTS) String topic, @DefaultValue("") String deadLetterTopic,
		@DefaultValue("12") int topicPartitions, @DefaultValue("1") short replicationFactor,
		@DefaultValue("30000") long createTimeoutMs) {

	public TopicSettings {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("laas.events.topic must not be empty");
		}
		if (topicPartitions < 1 || topicPartitions > 10_000) {
			throw new IllegalArgumentException("laas.events.topic-partitions must be within 1..10000, got "
					+ topicPartitions);
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException("laas.events.replication-factor must be at least 1, got "
					+ replicationFactor);
		}
		if (createTimeoutMs < 1) {
			throw new IllegalArgumentException("laas.events.create-timeout-ms must be positive");
		}
		deadLetterTopic = (deadLetterTopic == null || deadLetterTopic.isBlank()) ? topic + "-dlt" : deadLetterTopic;
	}

}
