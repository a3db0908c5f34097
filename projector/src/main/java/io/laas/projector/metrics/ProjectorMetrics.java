package io.laas.projector.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Meters of this projector instance. Prometheus names: {@code laas_projector_events_applied_total},
 * {@code laas_projector_events_duplicates_total}, {@code laas_projector_events_dead_lettered_total},
 * {@code laas_projector_lag_seconds}, {@code laas_projector_halted_ledgers}, {@code laas_projector_batch_seconds}.
 */
@Component
public class ProjectorMetrics {

	private final Clock clock;

	private final Counter applied;

	private final Counter duplicates;

	private final Counter deadLettered;

	private final Timer batches;

	private final AtomicInteger haltedLedgers = new AtomicInteger();

	/** recorded_at of the last applied event, or null while the projector has nothing left to read. */
	private volatile Instant lastRecordedAt;

	public ProjectorMetrics(MeterRegistry registry, Clock clock) {
		this.clock = clock;
		this.applied = Counter.builder("laas.projector.events.applied")
			.description("Events applied to the read model")
			.register(registry);
		this.duplicates = Counter.builder("laas.projector.events.duplicates")
			.description("Events skipped because their ledger had already applied that sequence")
			.register(registry);
		this.deadLettered = Counter.builder("laas.projector.events.dead.lettered")
			.description("Unreadable records sent to the dead-letter topic")
			.register(registry);
		this.batches = Timer.builder("laas.projector.batch")
			.description("Time to apply one polled batch, database commit included")
			.register(registry);
		TimeGauge.builder("laas.projector.lag", this, TimeUnit.MILLISECONDS, ProjectorMetrics::lagMs)
			.description("Now minus recorded_at of the last applied event; 0 when nothing is left to read")
			.register(registry);
		Gauge.builder("laas.projector.halted.ledgers", this.haltedLedgers, AtomicInteger::get)
			.description("Ledgers this instance holds stopped at a sequence gap")
			.register(registry);
	}

	public void applied(int events, Instant lastRecordedAt) {
		this.applied.increment(events);
		if (lastRecordedAt != null) {
			this.lastRecordedAt = lastRecordedAt;
		}
	}

	public void duplicates(int events) {
		this.duplicates.increment(events);
	}

	public void deadLettered(int records) {
		this.deadLettered.increment(records);
	}

	public Timer batches() {
		return this.batches;
	}

	/** A poll came back empty: the lag is zero, not the age of the last event. */
	public void caughtUp() {
		this.lastRecordedAt = null;
	}

	public void haltedLedgers(int count) {
		this.haltedLedgers.set(count);
	}

	public int haltedLedgers() {
		return this.haltedLedgers.get();
	}

	double lagMs() {
		Instant last = this.lastRecordedAt;
		return (last == null) ? 0 : Math.max(0, this.clock.millis() - last.toEpochMilli());
	}

}
