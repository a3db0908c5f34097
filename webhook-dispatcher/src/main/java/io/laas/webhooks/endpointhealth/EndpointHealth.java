package io.laas.webhooks.endpointhealth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.laas.events.EventSerde;
import io.laas.webhooks.DispatcherSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tracks, per endpoint, since when every attempt has failed ({@code webhooks.endpoint_health.failing_since}) and
 * disables an endpoint ({@code public.webhook_endpoints.enabled = false} plus an {@code audit_log} row) when it
 * answered 410 Gone or has failed for longer than {@code endpoint-disable-after-failing-ms}.
 *
 * <p>
 * Every method runs in the caller's transaction (the one that records the attempt), so the health and the
 * attempt that caused it commit together.
 */
@Component
public class EndpointHealth {

	private static final Logger log = LoggerFactory.getLogger(EndpointHealth.class);

	/** Who the audit log names as the actor of automatic disabling. */
	public static final String ACTOR = "webhook-dispatcher";

	public static final String DISABLED_ACTION = "webhook_endpoint.disabled";

	private static final String RECOVERED = """
			update webhooks.endpoint_health
			   set failing_since = null, updated_at = ?
			 where endpoint_id = ? and failing_since is not null""";

	private static final String FAILED = """
			insert into webhooks.endpoint_health as h (endpoint_id, failing_since, last_failure_at, last_failure, updated_at)
			values (?, ?, ?, ?, ?)
			on conflict (endpoint_id) do update
			   set failing_since = coalesce(h.failing_since, excluded.failing_since),
			       last_failure_at = excluded.last_failure_at,
			       last_failure = excluded.last_failure,
			       updated_at = excluded.updated_at
			returning failing_since""";

	private static final String DISABLE = """
			update public.webhook_endpoints
			   set enabled = false, disabled_reason = ?, updated_at = ?
			 where id = ? and enabled
			returning ledger_id, url""";

	private static final String AUDIT = """
			insert into public.audit_log (org_id, actor, action, target, details, created_at)
			values ((select org_id from public.ledgers where id = ?), ?, ?, ?, ?::jsonb, ?)""";

	/** A new failing period starts after the endpoint was disabled, whenever it is enabled again. */
	private static final String FORGET = "update webhooks.endpoint_health set failing_since = null, updated_at = ? where endpoint_id = ?";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration disableAfter;

	private final Counter disabledGone;

	private final Counter disabledFailing;

	EndpointHealth(JdbcTemplate jdbc, Clock clock, DispatcherSettings settings, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.disableAfter = Duration.ofMillis(settings.endpointDisableAfterFailingMs());
		this.disabledGone = disabledCounter(meters, "gone");
		this.disabledFailing = disabledCounter(meters, "failing");
	}

	private static Counter disabledCounter(MeterRegistry meters, String reason) {
		return Counter.builder("laas.webhooks.endpoints.disabled")
			.description("Endpoints disabled by the dispatcher")
			.tag("reason", reason)
			.register(meters);
	}

	/** An attempt succeeded: the endpoint is healthy again. */
	public void succeeded(UUID endpointId) {
		this.jdbc.update(RECOVERED, utc(this.clock.instant()), endpointId);
	}

	/**
	 * An attempt failed. Disables the endpoint if every attempt has failed for longer than the limit.
	 * @return true if this call disabled the endpoint
	 */
	public boolean failed(UUID endpointId, String failure) {
		Instant now = this.clock.instant();
		OffsetDateTime at = utc(now);
		List<OffsetDateTime> since = this.jdbc.query(FAILED,
				(row, n) -> row.getObject("failing_since", OffsetDateTime.class), endpointId, at, at,
				truncate(failure), at);
		Instant failingSince = since.get(0).toInstant();
		if (Duration.between(failingSince, now).compareTo(this.disableAfter) < 0) {
			return false;
		}
		String reason = "every delivery attempt failed since " + failingSince + " (last: " + truncate(failure) + ")";
		boolean disabled = disable(endpointId, reason, "failing", failingSince);
		if (disabled) {
			this.disabledFailing.increment();
		}
		return disabled;
	}

	/**
	 * The endpoint answered 410 Gone: its owner says it will never take deliveries again.
	 * @return true if this call disabled the endpoint (false if it already was)
	 */
	public boolean gone(UUID endpointId) {
		boolean disabled = disable(endpointId, "the endpoint answered 410 Gone", "gone", null);
		if (disabled) {
			this.disabledGone.increment();
		}
		return disabled;
	}

	private boolean disable(UUID endpointId, String reason, String code, Instant failingSince) {
		OffsetDateTime now = utc(this.clock.instant());
		List<Object[]> rows = this.jdbc.query(DISABLE,
				(row, n) -> new Object[] { row.getObject("ledger_id", UUID.class), row.getString("url") }, reason, now,
				endpointId);
		if (rows.isEmpty()) {
			return false;
		}
		UUID ledgerId = (UUID) rows.get(0)[0];
		ObjectNode details = EventSerde.mapper().createObjectNode();
		details.put("endpoint_id", endpointId.toString());
		details.put("ledger_id", ledgerId.toString());
		details.put("url", (String) rows.get(0)[1]);
		details.put("reason", code);
		details.put("detail", reason);
		if (failingSince != null) {
			details.put("failing_since", failingSince.toString());
		}
		this.jdbc.update(AUDIT, ledgerId, ACTOR, DISABLED_ACTION, "webhook_endpoint:" + endpointId,
				EventSerde.mapper().writeValueAsString(details), now);
		this.jdbc.update(FORGET, now, endpointId);
		log.warn("disabled webhook endpoint {} of ledger {}: {}", endpointId, ledgerId, reason);
		return true;
	}

	private static String truncate(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= 500) ? text : text.substring(0, 500) + "…";
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
