package io.laas.command.housekeeping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Outcome;
import io.laas.command.posting.Responder;

/**
 * Voids pending transactions whose {@code expires_at} passed, through the normal command path, so that the
 * release is an event ({@code transaction.voided}, reason {@code expired}) like any other. Several instances may
 * run this at once: the second void of the same transaction is refused (not pending) and changes nothing.
 */
@Component
class PendingExpiry {

	private static final Logger log = LoggerFactory.getLogger(PendingExpiry.class);

	private static final int BATCH_MAX = 500;

	private final JdbcTemplate jdbc;

	private final LedgerCommands commands;

	PendingExpiry(JdbcTemplate jdbc, LedgerCommands commands) {
		this.jdbc = jdbc;
		this.commands = commands;
	}

	@Scheduled(fixedDelayString = "${laas.pending.expiry-check-ms:1000}")
	void expireDue() {
		List<Map<String, Object>> due = jdbc.queryForList("select ledger_id, id from transactions where status = "
				+ "'pending' and expires_at <= now() order by expires_at limit " + BATCH_MAX);
		int expired = 0;
		for (Map<String, Object> row : due) {
			UUID ledgerId = (UUID) row.get("ledger_id");
			UUID id = (UUID) row.get("id");
			Outcome outcome = commands.execute(ledgerId, new CommandRequest(new LedgerCommand.VoidPending(id, "expired"),
					null, null, appended -> new Responder.Answer(200, Map.of("id", id))));
			if (outcome instanceof Outcome.Done) {
				expired++;
			}
		}
		if (expired > 0) {
			log.info("expired {} pending transactions", expired);
		}
	}

}
