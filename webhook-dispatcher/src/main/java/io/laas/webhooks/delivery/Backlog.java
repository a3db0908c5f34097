package io.laas.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.laas.webhooks.DispatcherSettings;
import io.laas.webhooks.delivery.internal.DueDeliveries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The queue of deliveries as gauges, recounted from {@code webhooks.deliveries} every {@code backlog-refresh-ms}
 * (all instances see the same table, so every instance reports the same values; take {@code max} across them):
 * <ul>
 * <li>{@code laas.webhooks.deliveries.pending} [laas_webhooks_deliveries_pending]: every pending delivery, also
 * those waiting for a retry and those being sent;</li>
 * <li>{@code laas.webhooks.queue.depth} [laas_webhooks_queue_depth]: pending deliveries due now that no worker has
 * taken yet;</li>
 * <li>{@code laas.webhooks.queue.oldest.age} [laas_webhooks_queue_oldest_age_seconds]: how long the
 * longest-waiting of those has been due (0 when none is): how far the sender is behind.</li>
 * </ul>
 * A refresh that fails (database down) keeps the last values and is tried again at the next tick.
 */
@Component
class Backlog implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Backlog.class);

	private final DueDeliveries deliveries;

	private final Clock clock;

	private final Duration refreshInterval;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong due = new AtomicLong();

	private final AtomicLong oldestDueAgeMs = new AtomicLong();

	Backlog(DueDeliveries deliveries, Clock clock, DispatcherSettings settings, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.clock = clock;
		this.refreshInterval = Duration.ofMillis(settings.backlogRefreshMs());
		Gauge.builder("laas.webhooks.deliveries.pending", this.pending, AtomicLong::get)
			.description("Webhook deliveries not final yet: due, waiting for a retry or being sent")
			.register(meters);
		Gauge.builder("laas.webhooks.queue.depth", this.due, AtomicLong::get)
			.description("Webhook deliveries due now that no worker has taken yet")
			.register(meters);
		Gauge.builder("laas.webhooks.queue.oldest.age", this.oldestDueAgeMs, (ms) -> ms.get() / 1000.0)
			.description("How long the longest-waiting due webhook delivery has been due (0 when none is)")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refresh, this.refreshInterval);
	}

	void refresh() {
		Instant now = this.clock.instant();
		DueDeliveries.Queue queue;
		try {
			queue = this.deliveries.queue(now);
		}
		catch (RuntimeException ex) {
			log.debug("webhook backlog not recounted: {}", ex.toString());
			return;
		}
		this.pending.set(queue.pending());
		this.due.set(queue.due());
		this.oldestDueAgeMs.set(
				(queue.oldestDueAt() != null) ? Math.max(0, Duration.between(queue.oldestDueAt(), now).toMillis()) : 0);
	}

}
