package io.laas.command.housekeeping;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.laas.command.isolation.LedgerScope;

/**
 * Idempotency answers are kept {@code laas.idempotency.retention-days} (at least 30) and then deleted in small
 * batches, so a client retrying within a month always gets its original answer. Row-level security scopes
 * idempotency records by ledger, so the run walks the ledgers (a table without it) and deletes in each one's scope.
 */
@Component
class IdempotencyRetention {

	static final int RETENTION_DAYS_MIN = 30;

	private static final int LEDGERS_PER_PAGE = 1000;

	private static final int DELETES_PER_LEDGER_MAX = 10_000;

	private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

	private final JdbcTemplate jdbc;

	private final LedgerScope scope;

	private final int retentionDays;

	IdempotencyRetention(JdbcTemplate jdbc, LedgerScope scope,
			@Value("${laas.idempotency.retention-days:30}") int retentionDays) {
		if (retentionDays < RETENTION_DAYS_MIN) {
			throw new IllegalArgumentException("laas.idempotency.retention-days must be at least " + RETENTION_DAYS_MIN);
		}
		this.jdbc = jdbc;
		this.scope = scope;
		this.retentionDays = retentionDays;
	}

	@Scheduled(fixedDelayString = "${laas.idempotency.cleanup-interval-ms:3600000}", initialDelay = 60_000)
	void deleteExpired() {
		long deleted = 0;
		// Only ledgers old enough to hold an expired record.
		String page = "select id from ledgers where id > ? and created_at < now() - make_interval(days => ?) "
				+ "order by id limit " + LEDGERS_PER_PAGE;
		List<UUID> ledgers = jdbc.queryForList(page, UUID.class, new UUID(0, 0), retentionDays);
		while (!ledgers.isEmpty()) {
			for (UUID ledgerId : ledgers) {
				deleted += scope.call(ledgerId, () -> jdbc.update("delete from idempotency_records where ctid in "
						+ "(select ctid from idempotency_records where ledger_id = ? and created_at < now() - "
						+ "make_interval(days => ?) limit " + DELETES_PER_LEDGER_MAX + ")", ledgerId, retentionDays));
			}
			ledgers = jdbc.queryForList(page, UUID.class, ledgers.get(ledgers.size() - 1), retentionDays);
		}
		if (deleted > 0) {
			log.info("deleted {} idempotency records older than {} days", deleted, retentionDays);
		}
	}

}
