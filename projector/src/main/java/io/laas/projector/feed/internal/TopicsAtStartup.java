package io.laas.projector.feed.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.laas.projector.feed.TopicSettings;

/**
 * Creates the events topic and its dead-letter topic if they do not exist; an existing topic is left as it is.
 * Fails start-up when the broker cannot be reached within the timeout: a projector without a topic is of no use.
 */
public final class TopicsAtStartup {

	private TopicsAtStartup() {
	}

	public static void ensure(Map<String, Object> adminProperties, TopicSettings settings) {
		Map<String, Object> config = new java.util.HashMap<>(adminProperties);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.createTimeoutMs());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(settings.createTimeoutMs(), 30_000));
		List<NewTopic> topics = List.of(
				new NewTopic(settings.topic(), settings.topicPartitions(), settings.replicationFactor()),
				new NewTopic(settings.deadLetterTopic(), settings.topicPartitions(), settings.replicationFactor()));
		try (Admin admin = Admin.create(config)) {
			CreateTopicsResult result = admin.createTopics(topics);
			for (NewTopic topic : topics) {
				awaitCreated(result, topic.name(), settings.createTimeoutMs());
			}
		}
	}

	private static void awaitCreated(CreateTopicsResult result, String topic, long timeoutMs) {
		try {
			result.values().get(topic).get(timeoutMs, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + ex.getCause(), ex);
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka topic " + topic + " not created within " + timeoutMs
					+ " ms (laas.events.create-timeout-ms): is the broker reachable?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating Kafka topic " + topic, ex);
		}
	}

}
