package io.laas.webhooks.delivery.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToIntFunction;

import io.laas.events.EventSerde;
import io.laas.webhooks.endpointhealth.EndpointHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sender's view of {@code webhooks.deliveries}: claiming due deliveries (FOR UPDATE SKIP LOCKED, so any number
 * of dispatcher instances share the work) and recording each attempt with its consequences in one transaction.
 *
 * <p>
 * A claim leases the delivery: it increments {@code attempts} (the new attempt's number) and moves
 * {@code next_attempt_at} to the end of the lease. Recording an attempt only updates the delivery if it still holds
 * that attempt number, so a worker whose lease ran out (and whose delivery another worker took over) cannot
 * overwrite the newer state.
 */
public final class DueDeliveries {

	private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

	private static final String CANDIDATES = """
			select id, endpoint_id
			  from webhooks.deliveries
			 where status = 'pending' and next_attempt_at <= ? and endpoint_id <> all(?)
			 order by next_attempt_at
			 limit ?
			   for update skip locked""";

	private static final String ENDPOINTS = """
			select id, ledger_id, url, enabled, secret, previous_secret, previous_secret_expires_at
			  from public.webhook_endpoints
			 where id = any(?)""";

	private static final String FAIL_UNSENDABLE = """
			update webhooks.deliveries
			   set status = 'failed', next_attempt_at = null, last_error = ?, updated_at = ?
			 where id = any(?)
			returning attempts""";

	private static final String LEASE = """
			update webhooks.deliveries
			   set attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
			 where id = any(?)
			returning id, endpoint_id, ledger_id, sequence, event_id, event_type, body::text as body, attempts, retry_step""";

	private static final String INSERT_ATTEMPT = """
			insert into webhooks.delivery_attempts (delivery_id, attempt, at, url, request_headers, status_code,
			                                        response_excerpt, latency_ms, error)
			values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""";

	private static final String SETTLE = """
			update webhooks.deliveries
			   set status = ?, next_attempt_at = ?, retry_step = ?, last_status_code = ?, last_error = ?,
			       last_latency_ms = ?, updated_at = ?
			 where id = ? and attempts = ? and status = 'pending'""";

	/** One pass over the partial index deliveries_due (pending deliveries only). */
	private static final String QUEUE = """
			select count(*) as pending,
			       count(*) filter (where next_attempt_at <= ?) as due,
			       min(next_attempt_at) as next_min
			  from webhooks.deliveries
			 where status = 'pending'""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final EndpointHealth health;

	private final Clock clock;

	private final Duration lease;

	private final int candidatesMax;

	public DueDeliveries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EndpointHealth health,
			Clock clock, Duration lease, int candidatesMax) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.health = health;
		this.clock = clock;
		this.lease = lease;
		this.candidatesMax = candidatesMax;
	}

	/**
	 * Claims up to {@code slots} due deliveries, at most {@code capacity(endpoint)} per endpoint. Due deliveries of
	 * a disabled or deleted endpoint are failed on the way (they would never be sent).
	 *
	 * @param saturated endpoints with no capacity left, not even looked at
	 */
	public Claims claim(int slots, Set<UUID> saturated, ToIntFunction<UUID> capacity) {
		Claims claims = this.transactions.execute((status) -> claimInTransaction(slots, saturated, capacity));
		return (claims != null) ? claims : Claims.NONE;
	}

	private record Candidate(UUID id, UUID endpointId) {
	}

	private Claims claimInTransaction(int slots, Set<UUID> saturated, ToIntFunction<UUID> capacity) {
		OffsetDateTime now = utc(this.clock.instant());
		List<Candidate> candidates = this.jdbc.query(CANDIDATES, (statement) -> {
			statement.setObject(1, now);
			statement.setArray(2, uuidArray(statement, saturated));
			// Every candidate is row-locked until commit (a write per row): look at little more than can be taken.
			statement.setInt(3, Math.min(this.candidatesMax, slots * 2));
		}, (row, n) -> new Candidate(row.getObject("id", UUID.class), row.getObject("endpoint_id", UUID.class)));
		if (candidates.isEmpty()) {
			return Claims.NONE;
		}
		Set<UUID> endpointIds = new LinkedHashSet<>();
		candidates.forEach((candidate) -> endpointIds.add(candidate.endpointId()));
		Map<UUID, EndpointTarget> endpoints = endpoints(endpointIds);
		List<UUID> unsendable = new ArrayList<>();
		List<UUID> picked = new ArrayList<>();
		Map<UUID, Integer> pickedPerEndpoint = new HashMap<>();
		for (Candidate candidate : candidates) {
			EndpointTarget endpoint = endpoints.get(candidate.endpointId());
			if (endpoint == null || !endpoint.enabled()) {
				unsendable.add(candidate.id());
				continue;
			}
			if (picked.size() >= slots) {
				continue;
			}
			int already = pickedPerEndpoint.getOrDefault(candidate.endpointId(), 0);
			if (already < capacity.applyAsInt(candidate.endpointId())) {
				picked.add(candidate.id());
				pickedPerEndpoint.put(candidate.endpointId(), already + 1);
			}
		}
		List<Claims.Unsent> unsent = unsendable.isEmpty() ? List.of()
				: failUnsendable(unsendable, endpoints, candidates, now);
		if (picked.isEmpty()) {
			return new Claims(List.of(), unsent);
		}
		OffsetDateTime leaseEnd = now.plus(this.lease);
		List<Claim> claims = this.jdbc.query(LEASE, (statement) -> {
			statement.setObject(1, leaseEnd);
			statement.setObject(2, now);
			statement.setArray(3, uuidArray(statement, picked));
		}, (row, n) -> new Claim(row.getObject("id", UUID.class), row.getObject("ledger_id", UUID.class),
				row.getLong("sequence"), row.getObject("event_id", UUID.class), row.getString("event_type"), row.getString("body"),
				row.getInt("attempts"), row.getInt("retry_step"),
				endpoints.get(row.getObject("endpoint_id", UUID.class))));
		return new Claims(claims, unsent);
	}

	private List<Claims.Unsent> failUnsendable(List<UUID> unsendable, Map<UUID, EndpointTarget> endpoints,
			List<Candidate> candidates, OffsetDateTime now) {
		Map<UUID, UUID> endpointOf = new HashMap<>();
		candidates.forEach((candidate) -> endpointOf.put(candidate.id(), candidate.endpointId()));
		List<UUID> deleted = new ArrayList<>();
		List<UUID> disabled = new ArrayList<>();
		for (UUID id : unsendable) {
			(endpoints.containsKey(endpointOf.get(id)) ? disabled : deleted).add(id);
		}
		List<Claims.Unsent> unsent = new ArrayList<>();
		unsent.addAll(failAll(disabled, "not sent: the endpoint is disabled", Claims.Unsent.ENDPOINT_DISABLED, now));
		unsent.addAll(failAll(deleted, "not sent: the endpoint no longer exists", Claims.Unsent.ENDPOINT_DELETED, now));
		return unsent;
	}

	private List<Claims.Unsent> failAll(List<UUID> ids, String error, String reason, OffsetDateTime now) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(FAIL_UNSENDABLE, (statement) -> {
			statement.setString(1, error);
			statement.setObject(2, now);
			statement.setArray(3, uuidArray(statement, ids));
		}, (row, n) -> new Claims.Unsent(reason, row.getInt("attempts")));
	}

	private Map<UUID, EndpointTarget> endpoints(Collection<UUID> ids) {
		Map<UUID, EndpointTarget> endpoints = new HashMap<>();
		this.jdbc.query(ENDPOINTS, (statement) -> statement.setArray(1, uuidArray(statement, ids)), (row) -> {
			OffsetDateTime expires = row.getObject("previous_secret_expires_at", OffsetDateTime.class);
			EndpointTarget endpoint = new EndpointTarget(row.getObject("id", UUID.class),
					row.getObject("ledger_id", UUID.class), row.getString("url"), row.getBoolean("enabled"),
					row.getString("secret"), row.getString("previous_secret"),
					(expires != null) ? expires.toInstant() : null);
			endpoints.put(endpoint.id(), endpoint);
		});
		return endpoints;
	}

	/** An attempt that went out (or was refused), with the state its delivery moves to. */
	public record Outcome(Claim claim, AttemptResult result, Settlement settlement) {

	}

	/**
	 * Records these attempts, their deliveries' new states and their endpoints' health in one transaction (one
	 * commit, one round trip per kind of statement, instead of five round trips per attempt). If that transaction
	 * fails (a deadlock with another writer, one row the database refuses), each attempt is recorded in a
	 * transaction of its own, so one bad row cannot keep the others unrecorded.
	 * @return per outcome, in order: TRUE if recorded and the delivery's state changed, FALSE if only the attempt
	 * row was written (the lease had been lost), null if it could not be recorded (its lease ends and the delivery
	 * is attempted again)
	 */
	public List<Boolean> recordAll(List<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return List.of();
		}
		try {
			List<Boolean> settled = this.transactions.execute((status) -> recordInTransaction(outcomes));
			return (settled != null) ? settled : Collections.nCopies(outcomes.size(), null);
		}
		catch (RuntimeException batchFailed) {
			if (outcomes.size() == 1) {
				log.warn("delivery {} attempt {}: outcome not recorded, it will be retried after its lease: {}",
						outcomes.get(0).claim().deliveryId(), outcomes.get(0).claim().attempt(), batchFailed.toString());
				return Collections.singletonList(null);
			}
			log.info("recording {} attempts in one transaction failed ({}); recording them one by one",
					outcomes.size(), batchFailed.toString());
			List<Boolean> settled = new ArrayList<>(outcomes.size());
			for (Outcome outcome : outcomes) {
				settled.add(recordAll(List.of(outcome)).get(0));
			}
			return settled;
		}
	}

	private List<Boolean> recordInTransaction(List<Outcome> outcomes) {
		OffsetDateTime now = utc(this.clock.instant());
		// Rows in delivery id order and health in endpoint id order: two instances' batches lock in the same order.
		List<Outcome> byDelivery = new ArrayList<>(outcomes);
		byDelivery.sort(Comparator.comparing((Outcome outcome) -> outcome.claim().deliveryId())
			.thenComparingInt((outcome) -> outcome.claim().attempt()));
		this.jdbc.batchUpdate(INSERT_ATTEMPT, byDelivery, byDelivery.size(), (statement, outcome) -> {
			AttemptResult result = outcome.result();
			statement.setObject(1, outcome.claim().deliveryId());
			statement.setInt(2, outcome.claim().attempt());
			statement.setObject(3, now);
			statement.setString(4, result.url());
			statement.setString(5, headersJson(result.requestHeaders()));
			setNullableInt(statement, 6, result.statusCode());
			statement.setString(7, result.responseExcerpt());
			statement.setLong(8, result.latencyMs());
			statement.setString(9, result.error());
		});
		int[][] counts = this.jdbc.batchUpdate(SETTLE, byDelivery, byDelivery.size(), (statement, outcome) -> {
			AttemptResult result = outcome.result();
			Settlement settlement = outcome.settlement();
			statement.setString(1, settlement.status());
			statement.setObject(2, (settlement.nextAttemptAt() != null) ? utc(settlement.nextAttemptAt()) : null,
					Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setInt(3, settlement.retryStep());
			setNullableInt(statement, 4, result.statusCode());
			statement.setString(5, result.error());
			if (result.sent()) {
				statement.setLong(6, result.latencyMs());
			}
			else {
				statement.setNull(6, Types.BIGINT);
			}
			statement.setObject(7, now);
			statement.setObject(8, outcome.claim().deliveryId());
			statement.setInt(9, outcome.claim().attempt());
		});
		Map<Outcome, Boolean> settled = new IdentityHashMap<>();
		int index = 0;
		for (int[] chunk : counts) {
			for (int count : chunk) {
				Outcome outcome = byDelivery.get(index++);
				settled.put(outcome, count == 1);
				if (count != 1) {
					log.info("delivery {} attempt {}: lease lost before the outcome was recorded; attempt kept, state not changed",
							outcome.claim().deliveryId(), outcome.claim().attempt());
				}
			}
		}
		recordHealth(outcomes);
		List<Boolean> inOrder = new ArrayList<>(outcomes.size());
		outcomes.forEach((outcome) -> inOrder.add(settled.get(outcome)));
		return inOrder;
	}

	/**
	 * Tells the endpoints' health what happened, per endpoint in the order the attempts ended. A run of attempts
	 * with the same verdict kind has the effect of its last one (a second success in a row changes nothing; a
	 * failure keeps the streak's start and notes the latest failure), so only the last of each run is applied.
	 */
	private void recordHealth(List<Outcome> outcomes) {
		Map<UUID, List<AttemptResult>> byEndpoint = new TreeMap<>();
		for (Outcome outcome : outcomes) {
			byEndpoint.computeIfAbsent(outcome.claim().endpoint().id(), (id) -> new ArrayList<>()).add(outcome.result());
		}
		byEndpoint.forEach((endpointId, results) -> {
			for (int i = 0; i < results.size(); i++) {
				AttemptResult result = results.get(i);
				boolean lastOfRun = (i == results.size() - 1)
						|| results.get(i + 1).verdict().kind() != result.verdict().kind();
				if (!lastOfRun) {
					continue;
				}
				switch (result.verdict().kind()) {
					case SUCCEEDED -> this.health.succeeded(endpointId);
					case GONE -> this.health.gone(endpointId);
					default -> this.health.failed(endpointId, result.error());
				}
			}
		});
	}

	private static String headersJson(Map<String, String> headers) {
		ObjectNode node = EventSerde.mapper().createObjectNode();
		headers.forEach(node::put);
		return EventSerde.mapper().writeValueAsString(node);
	}

	/**
	 * The queue as of {@code now}.
	 * @param pending deliveries waiting to be sent or retried, including those being sent now
	 * @param due pending deliveries due at {@code now} and not leased to a worker: the queue depth
	 * @param oldestDueAt when the longest-waiting due delivery fell due; null when none is due
	 */
	public record Queue(long pending, long due, Instant oldestDueAt) {

	}

	public Queue queue(Instant now) {
		OffsetDateTime at = utc(now);
		return this.jdbc.queryForObject(QUEUE, (row, n) -> {
			OffsetDateTime nextMin = row.getObject("next_min", OffsetDateTime.class);
			Instant oldestDueAt = (nextMin != null && !nextMin.isAfter(at)) ? nextMin.toInstant() : null;
			return new Queue(row.getLong("pending"), row.getLong("due"), oldestDueAt);
		}, at);
	}

	private static java.sql.Array uuidArray(PreparedStatement statement, Collection<UUID> ids) throws SQLException {
		return statement.getConnection().createArrayOf("uuid", ids.toArray());
	}

	private static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
		if (value != null) {
			statement.setInt(index, value);
		}
		else {
			statement.setNull(index, Types.INTEGER);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
