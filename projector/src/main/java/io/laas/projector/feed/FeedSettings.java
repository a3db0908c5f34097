package io.laas.projector.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laas.projector.*}: how this instance consumes. Checked at start-up so a bad value stops the process with
 * a message naming the setting.
 *
 * @param enabled whether to consume at all (off: the schema is migrated and nothing else happens)
 * @param groupId the Kafka consumer group; instances sharing it share the partitions
 * @param clientId the Kafka client id; empty lets Kafka pick a unique one. Give each instance its own; with several
 * consumers, each gets {@code <clientId>-<n>}.
 * @param consumers consumer threads in this instance, each with its own Kafka consumer (members of the group) and
 * its own database transaction per batch: while one waits for PostgreSQL, another decodes
 * @param maxPollRecords records per poll, hence per database transaction
 * @param pollTimeoutMs how long one poll waits for records
 * @param haltRetryMs how long a partition stays paused at a gap before the feed looks at it again
 * @param errorBackoffMs wait after a failed batch (database down, ...) before it is retried
 * @param shutdownTimeoutMs how long stopping waits for the batch in progress
 */
@ConfigurationProperties("laas.projector")
public record FeedSettings(@DefaultValue("true") boolean enabled, @DefaultValue("laas-projector") String groupId,
		@DefaultValue("") String clientId, @DefaultValue("3") int consumers, @DefaultValue("2000") int maxPollRecords,
		@DefaultValue("500") long pollTimeoutMs, @DefaultValue("60000") long haltRetryMs,
		@DefaultValue("1000") long errorBackoffMs, @DefaultValue("30000") long shutdownTimeoutMs) {

	public FeedSettings {
		require(groupId != null && !groupId.isBlank(), "laas.projector.group-id must not be empty");
		require(consumers >= 1 && consumers <= 64, "laas.projector.consumers must be within 1..64, got " + consumers);
		require(maxPollRecords >= 1 && maxPollRecords <= 50_000,
				"laas.projector.max-poll-records must be within 1..50000, got " + maxPollRecords);
		require(pollTimeoutMs >= 1 && pollTimeoutMs <= 60_000,
				"laas.projector.poll-timeout-ms must be within 1..60000, got " + pollTimeoutMs);
		require(haltRetryMs >= 100, "laas.projector.halt-retry-ms must be at least 100, got " + haltRetryMs);
		require(errorBackoffMs >= 1 && errorBackoffMs <= 600_000,
				"laas.projector.error-backoff-ms must be within 1..600000, got " + errorBackoffMs);
		require(shutdownTimeoutMs >= 1, "laas.projector.shutdown-timeout-ms must be positive");
		clientId = (clientId == null) ? "" : clientId;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
