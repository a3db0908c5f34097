package io.laas.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again. Entry 0 is the delay before the first attempt; entry n the delay after the n-th consecutive
 * failure. After as many failures as there are entries, the delivery is dead. Each delay after a failure is varied
 * by up to ± the jitter percentage, so that the retries of many deliveries that failed together (an endpoint's
 * outage) do not arrive together.
 */
public final class RetrySchedule {

	private final List<Duration> delays;

	private final int jitterPercent;

	public RetrySchedule(List<Duration> delays, int jitterPercent) {
		if (delays.isEmpty()) {
			throw new IllegalArgumentException("a retry schedule needs at least the delay before the first attempt");
		}
		if (jitterPercent < 0 || jitterPercent > 100) {
			throw new IllegalArgumentException("jitter must be 0..100 %, got " + jitterPercent);
		}
		this.delays = List.copyOf(delays);
		this.jitterPercent = jitterPercent;
	}

	/** Attempts a delivery gets before it is dead. */
	public int attemptsMax() {
		return this.delays.size();
	}

	/** The delay before the first attempt, without jitter. */
	public Duration firstDelay() {
		return this.delays.get(0);
	}

	/**
	 * @param failures consecutive failed attempts so far, counting the one that just failed (at least 1)
	 * @param random uniform in [0, 1)
	 * @return the delay before the next attempt, or empty if there is none: the delivery is dead
	 */
	public Optional<Duration> delayAfter(int failures, DoubleSupplier random) {
		if (failures < 1) {
			throw new IllegalArgumentException("failures counts the attempt that just failed, got " + failures);
		}
		if (failures >= this.delays.size()) {
			return Optional.empty();
		}
		Duration base = this.delays.get(failures);
		double factor = 1 + (2 * random.getAsDouble() - 1) * this.jitterPercent / 100.0;
		long nanos = Math.round(base.toNanos() * factor);
		return Optional.of(Duration.ofNanos(Math.max(0, nanos)));
	}

	public List<Duration> delays() {
		return this.delays;
	}

}
