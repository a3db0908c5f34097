package io.laas.webhooks.endpointhealth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import io.laas.webhooks.DispatcherSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Failure streaks of the enabled endpoints as gauges, read from {@code webhooks.endpoint_health} every
 * {@code backlog-refresh-ms}. An endpoint is failing from its first failed attempt after a success until its next
 * success ({@code failing_since}); it is disabled when that lasts {@code endpoint-disable-after-failing-ms}.
 * <ul>
 * <li>{@code laas.webhooks.endpoints.failing} [laas_webhooks_endpoints_failing]: enabled endpoints whose last
 * attempt failed;</li>
 * <li>{@code laas.webhooks.endpoints.failing.longest} [laas_webhooks_endpoints_failing_longest_seconds]: how long
 * the longest of those streaks has lasted (0 when no endpoint is failing). Compare it with the disabling limit
 * (5 days by default) to warn a tenant before its endpoint is disabled.</li>
 * </ul>
 * Not one series per endpoint: endpoints are tenants' and unbounded in number; {@code endpoint_health} has the
 * detail.
 */
@Component
class FailureStreaks implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(FailureStreaks.class);

	/** Endpoints disabled (by the dispatcher, the tenant or an operator) or deleted are not failing any more. */
	private static final String FAILING = """
			select count(*) as failing, min(h.failing_since) as since
			  from webhooks.endpoint_health h
			  join public.webhook_endpoints e on e.id = h.endpoint_id
			 where h.failing_since is not null and e.enabled""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration refreshInterval;

	private final AtomicLong failing = new AtomicLong();

	private final AtomicLong longestMs = new AtomicLong();

	FailureStreaks(JdbcTemplate jdbc, Clock clock, DispatcherSettings settings, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.refreshInterval = Duration.ofMillis(settings.backlogRefreshMs());
		Gauge.builder("laas.webhooks.endpoints.failing", this.failing, AtomicLong::get)
			.description("Enabled webhook endpoints whose last attempt failed")
			.register(meters);
		Gauge.builder("laas.webhooks.endpoints.failing.longest", this.longestMs, (ms) -> ms.get() / 1000.0)
			.description("How long the longest failing streak of an enabled webhook endpoint has lasted")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::refresh, this.refreshInterval);
	}

	private record Failing(long count, OffsetDateTime since) {
	}

	void refresh() {
		Instant now = this.clock.instant();
		Failing failing;
		try {
			failing = this.jdbc.queryForObject(FAILING,
					(row, n) -> new Failing(row.getLong("failing"), row.getObject("since", OffsetDateTime.class)));
		}
		catch (RuntimeException ex) {
			log.debug("failing webhook endpoints not recounted: {}", ex.toString());
			return;
		}
		this.failing.set(failing.count());
		this.longestMs.set((failing.since() != null)
				? Math.max(0, Duration.between(failing.since().toInstant(), now).toMillis()) : 0);
	}

}
