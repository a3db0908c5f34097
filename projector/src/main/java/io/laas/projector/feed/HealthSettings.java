package io.laas.projector.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laas.health.*}: the thresholds and limits of the {@code feed} and {@code kafka} health components. Checked
 * at start-up.
 *
 * @param kafkaTimeoutMs how long one broker check may wait: the longest a health request can be held up by Kafka
 * @param kafkaCacheMs how long a broker check's result is reused
 * @param laggingRecords above this many records behind (the worst consumer's records-lag-max), {@code feed} says
 * {@code lagging: true}; its status stays UP (lag is alerted on from the meters, not acted on by probes)
 * @param laggingSeconds likewise for the age of the last applied event ({@code laas.projector.lag})
 */
@ConfigurationProperties("laas.health")
public record HealthSettings(@DefaultValue("2000") long kafkaTimeoutMs, @DefaultValue("10000") long kafkaCacheMs,
		@DefaultValue("100000") long laggingRecords, @DefaultValue("60") long laggingSeconds) {

	public HealthSettings {
		require(kafkaTimeoutMs >= 100 && kafkaTimeoutMs <= 30_000,
				"laas.health.kafka-timeout-ms must be within 100..30000, got " + kafkaTimeoutMs);
		require(kafkaCacheMs >= 0 && kafkaCacheMs <= 600_000,
				"laas.health.kafka-cache-ms must be within 0..600000, got " + kafkaCacheMs);
		require(laggingRecords >= 0, "laas.health.lagging-records must not be negative, got " + laggingRecords);
		require(laggingSeconds >= 0, "laas.health.lagging-seconds must not be negative, got " + laggingSeconds);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
