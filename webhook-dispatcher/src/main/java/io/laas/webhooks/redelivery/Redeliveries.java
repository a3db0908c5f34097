package io.laas.webhooks.redelivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a delivery again: the one operation on deliveries that other modules may trigger. A finished delivery
 * (succeeded, failed or dead) becomes pending and due now, with a fresh retry schedule; a running sender picks it
 * up within {@code idle-poll-ms}. The webhook-id stays the event id, so a receiver that already processed it can
 * recognise the repeat.
 *
 * <p>
 * Plain JDBC on {@code webhooks.deliveries}: another module can construct it with its own {@link JdbcTemplate} on
 * the same database (it is also a bean of the dispatcher). A delivery of a disabled endpoint is failed again by
 * the sender without being sent.
 */
@Component
public class Redeliveries {

	/** What {@link #redeliver(UUID)} did. */
	public enum Result {

		/** The delivery is pending and due now. */
		SCHEDULED,
		/** The delivery was already pending (waiting or being sent); nothing changed. */
		ALREADY_PENDING,
		/** No delivery has this id. */
		NOT_FOUND

	}

	static final String REDELIVER = """
			update webhooks.deliveries
			   set status = 'pending', next_attempt_at = ?, retry_step = 0, updated_at = ?
			 where id = ? and status <> 'pending'""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public Redeliveries(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Result redeliver(UUID deliveryId) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		if (this.jdbc.update(REDELIVER, now, now, deliveryId) == 1) {
			return Result.SCHEDULED;
		}
		Boolean exists = this.jdbc.queryForObject("select exists (select 1 from webhooks.deliveries where id = ?)",
				Boolean.class, deliveryId);
		return Boolean.TRUE.equals(exists) ? Result.ALREADY_PENDING : Result.NOT_FOUND;
	}

}
