package io.laas.webhooks.intake.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.webhooks.DispatcherSettings;
import io.laas.webhooks.intake.WebhookBody;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which endpoints want which events, and the deliveries that follow. Reads command-api's
 * {@code public.webhook_endpoints}; writes {@code webhooks.deliveries}.
 */
@Component
public class Subscriptions {

	private static final String ENDPOINTS_OF_LEDGERS = """
			select id, ledger_id, event_types, created_at
			  from public.webhook_endpoints
			 where enabled and ledger_id = any(?)""";

	private static final String INSERT_DELIVERY = """
			insert into webhooks.deliveries (id, ledger_id, endpoint_id, event_id, event_type, sequence, body,
			                                 status, attempts, retry_step, next_attempt_at, created_at, updated_at)
			values (?, ?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, 0, ?, ?, ?)
			on conflict (event_id, endpoint_id) do nothing""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration firstDelay;

	private final Duration backfill;

	Subscriptions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
			DispatcherSettings settings) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.firstDelay = settings.retrySchedule().get(0);
		this.backfill = Duration.ofMillis(settings.endpointBackfillMs());
	}

	private record Endpoint(UUID id, UUID ledgerId, Set<String> eventTypes, Instant createdAt) {

		boolean wants(EventEnvelope event, Duration backfill) {
			return (this.eventTypes.isEmpty() || this.eventTypes.contains(event.eventType()))
					&& !event.recordedAt().isBefore(this.createdAt.minus(backfill));
		}

	}

	/**
	 * Creates the deliveries of these events in one transaction.
	 * @return how many were new (a redelivered event creates none)
	 */
	public int createDeliveries(List<EventEnvelope> events) {
		if (events.isEmpty()) {
			return 0;
		}
		Integer created = this.transactions.execute((status) -> insert(events));
		return (created != null) ? created : 0;
	}

	private int insert(List<EventEnvelope> events) {
		Set<UUID> ledgerIds = new LinkedHashSet<>();
		events.forEach((event) -> ledgerIds.add(event.ledgerId()));
		Map<UUID, List<Endpoint>> endpointsByLedger = endpointsOf(ledgerIds);
		if (endpointsByLedger.isEmpty()) {
			return 0;
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		OffsetDateTime due = now.plus(this.firstDelay);
		List<Object[]> rows = new ArrayList<>();
		for (EventEnvelope event : events) {
			String body = null;
			for (Endpoint endpoint : endpointsByLedger.getOrDefault(event.ledgerId(), List.of())) {
				if (!endpoint.wants(event, this.backfill)) {
					continue;
				}
				if (body == null) {
					body = WebhookBody.of(event);
				}
				rows.add(new Object[] { UUID.randomUUID(), event.ledgerId(), endpoint.id(), event.eventId(),
						event.eventType(), event.sequence(), body, due, now, now });
			}
		}
		if (rows.isEmpty()) {
			return 0;
		}
		int[] counts = this.jdbc.batchUpdate(INSERT_DELIVERY, rows);
		// The driver reports 0 for a row that hit the conflict; SUCCESS_NO_INFO (-2) would mean "unknown", which
		// pgjdbc does not return for plain batches.
		return Arrays.stream(counts).map((count) -> Math.max(count, 0)).sum();
	}

	private Map<UUID, List<Endpoint>> endpointsOf(Set<UUID> ledgerIds) {
		Map<UUID, List<Endpoint>> byLedger = new HashMap<>();
		this.jdbc.query(ENDPOINTS_OF_LEDGERS, (statement) -> {
			Array ids = statement.getConnection().createArrayOf("uuid", ledgerIds.toArray());
			statement.setArray(1, ids);
		}, (row) -> {
			Endpoint endpoint = new Endpoint(row.getObject("id", UUID.class), row.getObject("ledger_id", UUID.class),
					textSet(row.getArray("event_types")), row.getObject("created_at", OffsetDateTime.class).toInstant());
			byLedger.computeIfAbsent(endpoint.ledgerId(), (ledger) -> new ArrayList<>()).add(endpoint);
		});
		return byLedger;
	}

	private static Set<String> textSet(Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		return new HashSet<>(Arrays.asList((String[]) array.getArray()));
	}

}
