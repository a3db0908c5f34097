package io.laas.webhooks.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for a dispatcher under test that runs with real time, shifted by an offset the test moves on: a retry
 * due in an hour is sent as soon as the test calls {@code advance(Duration.ofHours(1))}. It keeps running
 * (rather than standing still) because the dispatcher measures leases and waits against it while real threads,
 * Kafka and PostgreSQL do their work in real time. Kafka's MockTime in spirit.
 */
public final class TestClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("time does not go back: " + duration);
		}
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	public Duration offset() {
		return this.offset.get();
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the dispatcher works in UTC");
	}

}
