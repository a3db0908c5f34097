package io.laas.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every limit of the dispatcher, under {@code laas.webhooks}. Checked when the application starts: a bad value
 * stops it with a message naming the property.
 *
 * @param allowPrivateTargets deliver to loopback, private, link-local, ... addresses (dev profile and tests only)
 * @param allowHttp deliver to {@code http://} URLs (dev profile and tests only); otherwise https is required
 * @param poolSize concurrent HTTP sends of this instance
 * @param perEndpointConcurrencyMax concurrent sends to one endpoint, so that a slow endpoint cannot take the pool
 * @param requestTimeoutMs deadline of one attempt, from connecting to the last byte of the response excerpt
 * @param connectTimeoutMs deadline of the TCP/TLS connect, part of the request timeout
 * @param retrySchedule delay before each attempt: the first entry before the first attempt (after intake), the
 * next ones after each failure; a failure after the last entry's attempt makes the delivery dead
 * @param retryJitterPercent each delay is varied by up to this many percent either way
 * @param retryAfterMsMax a receiver's Retry-After is honoured up to this delay
 * @param claimLeaseMs how long a claimed delivery belongs to its worker; if the process dies mid-send, the delivery
 * becomes due again after this (must exceed the request timeout)
 * @param claimBatchMax due deliveries looked at per claim
 * @param idlePollMs how often an idle sender looks for due deliveries (new deliveries wake it at once)
 * @param endpointDisableAfterFailingMs an endpoint whose every attempt failed for this long is disabled
 * @param endpointBackfillMs an endpoint receives events recorded at most this long before it was created (clock
 * skew between services); older events, e.g. a replay of the topic, are not sent to it
 * @param responseExcerptBytesMax bytes of each response body read and kept in delivery_attempts (at most 1 KiB):
 * the sender stops reading the body there, so a huge or endless answer costs no more
 * @param backlogRefreshMs how often the gauges read from the database (backlog, queue depth, oldest due delivery,
 * failing endpoints) are refreshed
 * @param groupId Kafka consumer group
 */
@ConfigurationProperties("laas.webhooks")
public record DispatcherSettings(@DefaultValue("false") boolean allowPrivateTargets,
		@DefaultValue("false") boolean allowHttp, @DefaultValue("64") int poolSize,
		@DefaultValue("16") int perEndpointConcurrencyMax, @DefaultValue("15000") long requestTimeoutMs,
		@DefaultValue("5000") long connectTimeoutMs,
		@DefaultValue({ "0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h" }) List<Duration> retrySchedule,
		@DefaultValue("10") int retryJitterPercent, @DefaultValue("36000000") long retryAfterMsMax,
		@DefaultValue("120000") long claimLeaseMs, @DefaultValue("100") int claimBatchMax,
		@DefaultValue("250") long idlePollMs, @DefaultValue("432000000") long endpointDisableAfterFailingMs,
		@DefaultValue("60000") long endpointBackfillMs, @DefaultValue("1024") int responseExcerptBytesMax,
		@DefaultValue("5000") long backlogRefreshMs, @DefaultValue("laas-webhook-dispatcher") String groupId) {

	private static final Duration RETRY_DELAY_MAX = Duration.ofDays(7);

	private static final int RETRY_SCHEDULE_LENGTH_MAX = 100;

	/** The "response excerpt ≤ 1 KiB"; the database checks it too (V2__response_excerpt_1kib.sql). */
	public static final int RESPONSE_EXCERPT_BYTES_LIMIT = 1024;

	public DispatcherSettings {
		within("pool-size", poolSize, 1, 1024);
		within("per-endpoint-concurrency-max", perEndpointConcurrencyMax, 1, poolSize);
		within("request-timeout-ms", requestTimeoutMs, 100, 300_000);
		within("connect-timeout-ms", connectTimeoutMs, 1, requestTimeoutMs);
		if (retrySchedule == null || retrySchedule.isEmpty() || retrySchedule.size() > RETRY_SCHEDULE_LENGTH_MAX) {
			throw new IllegalArgumentException("laas.webhooks.retry-schedule needs 1 to " + RETRY_SCHEDULE_LENGTH_MAX
					+ " delays (the first one before the first attempt), got " + retrySchedule);
		}
		for (Duration delay : retrySchedule) {
			if (delay == null || delay.isNegative() || delay.compareTo(RETRY_DELAY_MAX) > 0) {
				throw new IllegalArgumentException(
						"laas.webhooks.retry-schedule delays must be between 0s and 7d, got " + retrySchedule);
			}
		}
		retrySchedule = List.copyOf(retrySchedule);
		within("retry-jitter-percent", retryJitterPercent, 0, 50);
		within("retry-after-ms-max", retryAfterMsMax, 0, RETRY_DELAY_MAX.toMillis());
		within("claim-lease-ms", claimLeaseMs, requestTimeoutMs + 1_000, 3_600_000);
		within("claim-batch-max", claimBatchMax, 1, 10_000);
		within("idle-poll-ms", idlePollMs, 1, 60_000);
		within("endpoint-disable-after-failing-ms", endpointDisableAfterFailingMs, 1, Long.MAX_VALUE);
		within("endpoint-backfill-ms", endpointBackfillMs, 0, Long.MAX_VALUE);
		within("response-excerpt-bytes-max", responseExcerptBytesMax, 0, RESPONSE_EXCERPT_BYTES_LIMIT);
		within("backlog-refresh-ms", backlogRefreshMs, 100, 3_600_000);
		if (groupId == null || groupId.isBlank()) {
			throw new IllegalArgumentException("laas.webhooks.group-id must not be blank");
		}
	}

	private static void within(String name, long value, long min, long max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(
					"laas.webhooks." + name + " must be between " + min + " and " + max + ", got " + value);
		}
	}

}
