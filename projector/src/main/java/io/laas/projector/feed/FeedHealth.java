package io.laas.projector.feed;

import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.laas.projector.metrics.ProjectorMetrics;

/**
 * {@code /actuator/health} component {@code feed}: DOWN when a consumer thread died (or the feed was stopped), with
 * the error; UP otherwise, also while lagging: lag is a detail, not a reason to flap readiness.
 *
 * <p>Details: {@code consuming}; {@code haltedLedgers} (ledgers held at a sequence gap: a person is needed, but the
 * other ledgers are fine); {@code recordsBehind}, per consumer (Kafka client id) the client's own
 * {@code records-lag-max} (the largest lag of its partitions over the client's last sample window, about a minute,
 * as meter {@code kafka.consumer.fetch.manager.records.lag.max}), and {@code recordsBehindMax}, the worst of them;
 * {@code secondsBehind}, now minus recorded_at of the last applied event ({@code laas.projector.lag}, 0 when caught
 * up); {@code lagging}, true above {@code laas.health.lagging-records} or {@code laas.health.lagging-seconds}.
 */
@Component("feed")
public class FeedHealth implements HealthIndicator {

	/** The Kafka client's meter, bound per consumer by {@link ProjectorMetrics.Consumer#watch}. */
	static final String RECORDS_LAG_MAX = "kafka.consumer.fetch.manager.records.lag.max";

	private final LedgerEventsFeed feed;

	private final FeedSettings settings;

	private final ProjectorMetrics metrics;

	private final MeterRegistry registry;

	private final HealthSettings thresholds;

	public FeedHealth(LedgerEventsFeed feed, FeedSettings settings, ProjectorMetrics metrics, MeterRegistry registry,
			HealthSettings thresholds) {
		this.feed = feed;
		this.settings = settings;
		this.metrics = metrics;
		this.registry = registry;
		this.thresholds = thresholds;
	}

	@Override
	public Health health() {
		if (!this.settings.enabled()) {
			return Health.up().withDetail("consuming", false).withDetail("enabled", false).build();
		}
		Map<String, Long> recordsBehind = recordsBehind();
		long recordsBehindMax = recordsBehind.values().stream().mapToLong(Long::longValue).max().orElse(0);
		long secondsBehind = (long) (this.metrics.lagMs() / 1000);
		Health.Builder health;
		if (!this.feed.isConsuming()) {
			health = Health.down().withDetail("consuming", false);
			Throwable failure = this.feed.failure();
			if (failure != null) {
				health.withDetail("error", failure.toString());
			}
		}
		else {
			health = Health.up().withDetail("consuming", true);
		}
		return health.withDetail("haltedLedgers", this.metrics.haltedLedgers())
			.withDetail("recordsBehind", recordsBehind)
			.withDetail("recordsBehindMax", recordsBehindMax)
			.withDetail("secondsBehind", secondsBehind)
			.withDetail("lagging", recordsBehindMax > this.thresholds.laggingRecords()
					|| secondsBehind > this.thresholds.laggingSeconds())
			.build();
	}

	/**
	 * Per client id, the largest records-lag-max its meters show (one per client, or per partition once the meter
	 * binder has seen the assignment); NaN (no sample yet) counts as unknown and is left out.
	 */
	private Map<String, Long> recordsBehind() {
		Map<String, Long> behind = new TreeMap<>();
		for (Gauge gauge : this.registry.find(RECORDS_LAG_MAX).gauges()) {
			String client = gauge.getId().getTag("client.id");
			double value = gauge.value();
			if (client != null && !Double.isNaN(value) && !Double.isInfinite(value)) {
				behind.merge(client, (long) Math.max(0, value), Math::max);
			}
		}
		return behind;
	}

}
