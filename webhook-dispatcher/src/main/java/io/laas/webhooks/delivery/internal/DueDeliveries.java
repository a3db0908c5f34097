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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

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

	/**
	 * One claim in one statement (one round trip, no explicit transaction): lock up to {@code candidatesMax} due
	 * deliveries of endpoints that are not saturated (FOR UPDATE SKIP LOCKED, so instances share the work), lease
	 * the oldest ones of enabled endpoints, at most each endpoint's free capacity ({@code partly_used}: the
	 * endpoints this instance is already sending to; the others have the whole per-endpoint maximum) and at most
	 * {@code slots} in all, and fail the candidates whose endpoint is disabled or deleted (they would never be
	 * sent). Returns the leased deliveries with their endpoint, then one row per failed one (kind 'unsent').
	 */
	private static final String CLAIM = """
			with candidate as (
			       select id, endpoint_id, next_attempt_at
			         from webhooks.deliveries
			        where status = 'pending' and next_attempt_at <= ? and endpoint_id <> all(?)
			        order by next_attempt_at
			        limit ?
			          for update skip locked),
			     target as (
			       select c.id, c.endpoint_id, c.next_attempt_at, coalesce(e.enabled, false) as sendable,
			              e.id is not null as known,
			              row_number() over (partition by c.endpoint_id order by c.next_attempt_at, c.id) as rank
			         from candidate c left join public.webhook_endpoints e on e.id = c.endpoint_id),
			     partly_used as (
			       select * from unnest(?::uuid[], ?::int[]) as p(endpoint_id, free)),
			     picked as (
			       select t.id
			         from target t left join partly_used p on p.endpoint_id = t.endpoint_id
			        where t.sendable and t.rank <= coalesce(p.free, ?)
			        order by t.next_attempt_at
			        limit ?),
			     leased as (
			       update webhooks.deliveries d
			          set attempts = d.attempts + 1, next_attempt_at = ?, updated_at = ?
			         from picked p
			        where d.id = p.id
			       returning d.id, d.endpoint_id, d.ledger_id, d.sequence, d.event_id, d.event_type, d.body::text as body,
			                 d.attempts, d.retry_step),
			     unsendable as (
			       update webhooks.deliveries d
			          set status = 'failed', next_attempt_at = null, updated_at = ?,
			              last_error = case when t.known then 'not sent: the endpoint is disabled'
			                                else 'not sent: the endpoint no longer exists' end
			         from target t
			        where d.id = t.id and not t.sendable
			       returning d.attempts, t.known)
			select 'leased' as kind, l.id, l.ledger_id, l.sequence, l.event_id, l.event_type, l.body, l.attempts,
			       l.retry_step, e.id as endpoint_id, e.ledger_id as endpoint_ledger_id, e.url, e.enabled, e.secret,
			       e.previous_secret, e.previous_secret_expires_at, null::boolean as known
			  from leased l join public.webhook_endpoints e on e.id = l.endpoint_id
			union all
			select 'unsent', null, null, null, null, null, null, u.attempts, null, null, null, null, null, null, null,
			       null, u.known
			  from unsendable u""";

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

	private final int perEndpointMax;

	public DueDeliveries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, EndpointHealth health,
			Clock clock, Duration lease, int candidatesMax, int perEndpointMax) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.health = health;
		this.clock = clock;
		this.lease = lease;
		this.candidatesMax = candidatesMax;
		this.perEndpointMax = perEndpointMax;
	}

	/**
	 * Claims up to {@code slots} due deliveries, at most {@code perEndpointMax} minus what is already in flight per
	 * endpoint. Due deliveries of a disabled or deleted endpoint are failed on the way (they would never be sent).
	 *
	 * @param inFlight deliveries of this instance not yet answered, per endpoint; saturated endpoints are not even
	 * looked at
	 */
	public Claims claim(int slots, Map<UUID, Integer> inFlight) {
		List<UUID> saturated = new ArrayList<>();
		List<UUID> partlyUsed = new ArrayList<>();
		List<Integer> free = new ArrayList<>();
		inFlight.forEach((endpoint, count) -> {
			if (count >= this.perEndpointMax) {
				saturated.add(endpoint);
			}
			else if (count > 0) {
				partlyUsed.add(endpoint);
				free.add(this.perEndpointMax - count);
			}
		});
		OffsetDateTime now = utc(this.clock.instant());
		OffsetDateTime leaseEnd = now.plus(this.lease);
		List<Claim> claims = new ArrayList<>();
		List<Claims.Unsent> unsent = new ArrayList<>();
		this.jdbc.query(CLAIM, (statement) -> {
			statement.setObject(1, now);
			statement.setArray(2, uuidArray(statement, saturated));
			// Every candidate is row-locked until the statement ends: look at little more than can be taken.
			statement.setInt(3, Math.min(this.candidatesMax, slots * 2));
			statement.setArray(4, uuidArray(statement, partlyUsed));
			statement.setArray(5, statement.getConnection().createArrayOf("int4", free.toArray()));
			statement.setInt(6, this.perEndpointMax);
			statement.setInt(7, slots);
			statement.setObject(8, leaseEnd);
			statement.setObject(9, now);
			statement.setObject(10, now);
		}, (row) -> {
			if ("unsent".equals(row.getString("kind"))) {
				unsent.add(new Claims.Unsent(row.getBoolean("known") ? Claims.Unsent.ENDPOINT_DISABLED
						: Claims.Unsent.ENDPOINT_DELETED, row.getInt("attempts")));
				return;
			}
			OffsetDateTime expires = row.getObject("previous_secret_expires_at", OffsetDateTime.class);
			EndpointTarget endpoint = new EndpointTarget(row.getObject("endpoint_id", UUID.class),
					row.getObject("endpoint_ledger_id", UUID.class), row.getString("url"), row.getBoolean("enabled"),
					row.getString("secret"), row.getString("previous_secret"),
					(expires != null) ? expires.toInstant() : null);
			claims.add(new Claim(row.getObject("id", UUID.class), row.getObject("ledger_id", UUID.class),
					row.getLong("sequence"), row.getObject("event_id", UUID.class), row.getString("event_type"),
					row.getString("body"), row.getInt("attempts"), row.getInt("retry_step"), endpoint));
		});
		if (claims.isEmpty() && unsent.isEmpty()) {
			return Claims.NONE;
		}
		return new Claims(claims, unsent);
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
