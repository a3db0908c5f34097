package io.laas.projector.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
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

	/** Per consumer thread of this instance. */
	private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	public ProjectorMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
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
		Gauge.builder("laas.projector.halted.ledgers", this, ProjectorMetrics::haltedLedgers)
			.description("Ledgers this instance holds stopped at a sequence gap or at a record the database refuses")
			.register(registry);
	}

	/** The meters as one consumer thread updates them; the gauges add up (halts) or take the worst (lag). */
	public Consumer forConsumer(String name) {
		return this.consumers.computeIfAbsent(name, (key) -> new Consumer());
	}

	/** Ledgers halted (at a gap or a refused record), over every consumer of this instance. */
	public int haltedLedgers() {
		return this.consumers.values().stream().mapToInt((c) -> c.haltedLedgers.get()).sum();
	}

	/** Now minus recorded_at of the last applied event, worst consumer of this instance; 0 when caught up. */
	public double lagMs() {
		long now = this.clock.millis();
		long worst = 0;
		for (Consumer consumer : this.consumers.values()) {
			Instant last = consumer.lastRecordedAt;
			if (last != null) {
				worst = Math.max(worst, now - last.toEpochMilli());
			}
		}
		return worst;
	}

	/** What one consumer thread reports. */
	public final class Consumer {

		private final AtomicInteger haltedLedgers = new AtomicInteger();

		/** recorded_at of the last applied event, or null while this consumer has nothing left to read. */
		private volatile Instant lastRecordedAt;

		public void applied(int events, Instant lastRecordedAt) {
			ProjectorMetrics.this.applied.increment(events);
			if (lastRecordedAt != null) {
				this.lastRecordedAt = lastRecordedAt;
			}
		}

		public void duplicates(int events) {
			ProjectorMetrics.this.duplicates.increment(events);
		}

		public void deadLettered(int records) {
			ProjectorMetrics.this.deadLettered.increment(records);
		}

		public Timer batches() {
			return ProjectorMetrics.this.batches;
		}

		/**
		 * Publishes the Kafka client's own meters for this consumer, among them the consumer lag per partition
		 * ({@code kafka_consumer_fetch_manager_records_lag{topic,partition}}) and the fetch rates; close to remove them.
		 */
		public AutoCloseable watch(org.apache.kafka.clients.consumer.Consumer<?, ?> kafka) {
			KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka);
			clientMetrics.bindTo(ProjectorMetrics.this.registry);
			return clientMetrics;
		}

		/** A poll came back empty: the lag is zero, not the age of the last event. */
		public void caughtUp() {
			this.lastRecordedAt = null;
		}

		public void haltedLedgers(int count) {
			this.haltedLedgers.set(count);
		}

	}

}
