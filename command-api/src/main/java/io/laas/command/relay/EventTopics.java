package io.laas.command.relay;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.laas.events.Topics;

/**
 * The event topic and its dead-letter topic, created at start-up by Spring's KafkaAdmin when missing. The event
 * log is never compacted and kept forever by default: it is what read models are rebuilt from.
 */
@Configuration(proxyBeanMethods = false)
class EventTopics {

	@Bean
	NewTopic ledgerEventsTopic(RelaySettings relay, @Value("${laas.events.topic-partitions:12}") int partitions,
			@Value("${laas.events.replication-factor:1}") short replicationFactor,
			@Value("${laas.events.min-insync-replicas:1}") int minInsyncReplicas,
			@Value("${laas.events.retention-ms:-1}") long retentionMs) {
		return new NewTopic(relay.topic(), partitions, replicationFactor).configs(Map.of("cleanup.policy", "delete",
				"retention.ms", String.valueOf(retentionMs), "min.insync.replicas", String.valueOf(minInsyncReplicas)));
	}

	@Bean
	NewTopic ledgerEventsDeadLetterTopic(RelaySettings relay,
			@Value("${laas.events.topic-partitions:12}") int partitions,
			@Value("${laas.events.replication-factor:1}") short replicationFactor) {
		return new NewTopic(relay.topic() + Topics.DEAD_LETTER_SUFFIX, partitions, replicationFactor)
			.configs(Map.of("retention.ms", "-1"));
	}

}
