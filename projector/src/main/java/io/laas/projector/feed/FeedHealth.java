package io.laas.projector.feed;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.laas.projector.metrics.ProjectorMetrics;

/**
 * {@code /actuator/health} component {@code feed}: DOWN when the consumer thread died; UP otherwise, with the
 * number of ledgers halted at a gap as a detail (a halt needs a person, but the other ledgers are fine).
 */
@Component("feed")
public class FeedHealth implements HealthIndicator {

	private final LedgerEventsFeed feed;

	private final FeedSettings settings;

	private final ProjectorMetrics metrics;

	public FeedHealth(LedgerEventsFeed feed, FeedSettings settings, ProjectorMetrics metrics) {
		this.feed = feed;
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public Health health() {
		if (!this.settings.enabled()) {
			return Health.up().withDetail("consuming", false).build();
		}
		if (!this.feed.isConsuming()) {
			Health.Builder down = Health.down().withDetail("consuming", false);
			Throwable failure = this.feed.failure();
			return (failure != null) ? down.withDetail("error", failure.toString()).build() : down.build();
		}
		return Health.up().withDetail("consuming", true).withDetail("haltedLedgers", this.metrics.haltedLedgers()).build();
	}

}
