package io.laas.projector.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code laas.replay.*}: how {@code ./laas replay} rebuilds the read model. Checked at start-up.
 *
 * @param consumers replay threads, each reading its share of the partitions into its own database transactions
 * @param maxPollRecords records per poll, hence per database transaction
 * @param pollTimeoutMs how long one poll waits for records
 * @param progressIntervalMs how often a progress line is printed
 * @param catchUpRoundsMax after the end offsets seen at start are reached, at most this many rounds read up to the
 * then-current end, to make the swap's frozen part short
 * @param catchUpLagMax catching up stops once fewer records than this are left to read
 * @param swapLockTimeoutMs how long the swap waits for the live projector's batch in flight
 * @param swapFreezeMsMax how long the live projector may be held back while the last records are applied; past it the
 * swap is given up, the replay catches up again and tries anew
 * @param swapAttemptsMax swap attempts before the replay gives up (the live read model stays as it is)
 * @param batchAttemptsMax tries of a failing batch before the replay gives up
 * @param retryBackoffMs wait between two tries of a failing batch
 * @param dropOld whether the replaced read model is dropped after the swap instead of kept for inspection
 */
@ConfigurationProperties("laas.replay")
public record ReplaySettings(@DefaultValue("3") int consumers, @DefaultValue("2000") int maxPollRecords,
		@DefaultValue("200") long pollTimeoutMs, @DefaultValue("2000") long progressIntervalMs,
		@DefaultValue("5") int catchUpRoundsMax, @DefaultValue("5000") long catchUpLagMax,
		@DefaultValue("30000") long swapLockTimeoutMs, @DefaultValue("20000") long swapFreezeMsMax,
		@DefaultValue("3") int swapAttemptsMax, @DefaultValue("3") int batchAttemptsMax,
		@DefaultValue("1000") long retryBackoffMs, @DefaultValue("false") boolean dropOld) {

	public ReplaySettings {
		require(consumers >= 1 && consumers <= 64, "laas.replay.consumers must be within 1..64, got " + consumers);
		require(maxPollRecords >= 1 && maxPollRecords <= 50_000,
				"laas.replay.max-poll-records must be within 1..50000, got " + maxPollRecords);
		require(pollTimeoutMs >= 1 && pollTimeoutMs <= 60_000,
				"laas.replay.poll-timeout-ms must be within 1..60000, got " + pollTimeoutMs);
		require(progressIntervalMs >= 100, "laas.replay.progress-interval-ms must be at least 100, got "
				+ progressIntervalMs);
		require(catchUpRoundsMax >= 0 && catchUpRoundsMax <= 100,
				"laas.replay.catch-up-rounds-max must be within 0..100, got " + catchUpRoundsMax);
		require(catchUpLagMax >= 0, "laas.replay.catch-up-lag-max must not be negative, got " + catchUpLagMax);
		require(swapLockTimeoutMs >= 1, "laas.replay.swap-lock-timeout-ms must be positive, got " + swapLockTimeoutMs);
		require(swapFreezeMsMax >= 1, "laas.replay.swap-freeze-ms-max must be positive, got " + swapFreezeMsMax);
		require(swapAttemptsMax >= 1 && swapAttemptsMax <= 100,
				"laas.replay.swap-attempts-max must be within 1..100, got " + swapAttemptsMax);
		require(batchAttemptsMax >= 1 && batchAttemptsMax <= 100,
				"laas.replay.batch-attempts-max must be within 1..100, got " + batchAttemptsMax);
		require(retryBackoffMs >= 0, "laas.replay.retry-backoff-ms must not be negative, got " + retryBackoffMs);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
