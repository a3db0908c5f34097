package io.laas.command.housekeeping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Idempotency answers are kept {@code laas.idempotency.retention-days} (at least 30) and then deleted in small
 * batches, so a client retrying within a month always gets its original answer.
 */
@Component
class IdempotencyRetention {

	static final int RETENTION_DAYS_MIN = 30;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

	private final JdbcTemplate jdbc;

	private final int retentionDays;

	IdempotencyRetention(JdbcTemplate jdbc, @Value("${laas.idempotency.retention-days:30}") int retentionDays) {
		if (retentionDays < RETENTION_DAYS_MIN) {
			throw new IllegalArgumentException("laas.idempotency.retention-days must be at least " + RETENTION_DAYS_MIN);
		}
		this.jdbc = jdbc;
		this.retentionDays = retentionDays;
	}

	@Scheduled(fixedDelayString = "${laas.idempotency.cleanup-interval-ms:3600000}", initialDelay = 60_000)
	void deleteExpired() {
		int deleted = jdbc.update("delete from idempotency_records where ctid in (select ctid from idempotency_records "
				+ "where created_at < now() - make_interval(days => ?) limit 10000)", retentionDays);
		if (deleted > 0) {
			log.info("deleted {} idempotency records older than {} days", deleted, retentionDays);
		}
	}

}
