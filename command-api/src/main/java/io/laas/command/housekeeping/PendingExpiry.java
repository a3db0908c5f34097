package io.laas.command.housekeeping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Outcome;
import io.laas.command.posting.Responder;

/**
 * Voids pending transactions whose {@code expires_at} passed, through the normal command path, so that the
 * release is an event ({@code transaction.voided}, reason {@code expired}) like any other. Several instances may
 * run this at once: the second void of the same transaction is refused (not pending) and changes nothing.
 * <p>
 * Row-level security keeps each ledger's transactions behind its own scope, so the due ledgers are found first
 * from {@code ledgers.next_expiry_at} (no row-level security; lowered by a trigger whenever a pending transaction
 * with an expiry is written, never later than the ledger's earliest pending expiry), then each is scoped on its own.
 */
@Component
class PendingExpiry {

	private static final Logger log = LoggerFactory.getLogger(PendingExpiry.class);

	private static final int LEDGERS_PER_RUN_MAX = 100;

	private static final int BATCH_MAX = 500;

	private final JdbcTemplate jdbc;

	private final LedgerScope scope;

	private final LedgerCommands commands;

	PendingExpiry(JdbcTemplate jdbc, LedgerScope scope, LedgerCommands commands) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.commands = commands;
	}

	@Scheduled(fixedDelayString = "${laas.pending.expiry-check-ms:1000}")
	void expireDue() {
		List<UUID> ledgers = jdbc.queryForList("select id from ledgers where next_expiry_at <= now() "
				+ "order by next_expiry_at limit " + LEDGERS_PER_RUN_MAX, UUID.class);
		int expired = 0;
		for (UUID ledgerId : ledgers) {
			expired += expireDue(ledgerId);
		}
		if (expired > 0) {
			log.info("expired {} pending transactions", expired);
		}
	}

	private int expireDue(UUID ledgerId) {
		List<UUID> due = scope.call(ledgerId, () -> jdbc.queryForList("select id from transactions where ledger_id = ? "
				+ "and status = 'pending' and expires_at <= now() order by expires_at limit " + BATCH_MAX, UUID.class,
				ledgerId));
		int expired = 0;
		for (UUID id : due) {
			Outcome outcome = commands.execute(ledgerId, new CommandRequest(new LedgerCommand.VoidPending(id, "expired"),
					null, null, appended -> new Responder.Answer(200, Map.of("id", id))));
			if (outcome instanceof Outcome.Done) {
				expired++;
			}
		}
		// Under the ledger's lock, which every posting batch takes first: no pending transaction can be written
		// between reading the earliest expiry and storing it. Still due (a failed void, more than BATCH_MAX) means
		// the next run comes back.
		scope.run(ledgerId, () -> {
			jdbc.queryForList("select id from ledgers where id = ? for update", UUID.class, ledgerId);
			jdbc.update("update ledgers set next_expiry_at = (select min(expires_at) from transactions "
					+ "where ledger_id = ? and status = 'pending') where id = ?", ledgerId, ledgerId);
		});
		return expired;
	}

}
