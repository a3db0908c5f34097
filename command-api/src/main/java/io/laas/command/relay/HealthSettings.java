package io.laas.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laas.health.*}: how the {@code kafka} health component checks the broker. Checked at start-up.
 *
 * @param kafkaTimeoutMs how long one check may wait for the broker's answer: the longest a health request can be
 * held up by Kafka
 * @param kafkaCacheMs how long a check's result is reused; probes every few seconds then cost one broker call per
 * period, and a check in progress is never waited for twice
 */
@ConfigurationProperties("laas.health")
public record HealthSettings(@DefaultValue("2000") long kafkaTimeoutMs, @DefaultValue("10000") long kafkaCacheMs) {

	public HealthSettings {
		if (kafkaTimeoutMs < 100 || kafkaTimeoutMs > 30_000) {
			throw new IllegalArgumentException("laas.health.kafka-timeout-ms must be within 100..30000, got " + kafkaTimeoutMs);
		}
		if (kafkaCacheMs < 0 || kafkaCacheMs > 600_000) {
			throw new IllegalArgumentException("laas.health.kafka-cache-ms must be within 0..600000, got " + kafkaCacheMs);
		}
	}

}
