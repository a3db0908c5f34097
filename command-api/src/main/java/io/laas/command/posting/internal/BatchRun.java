package io.laas.command.posting.internal;

import io.laas.command.ledger.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountState;
import io.laas.command.ledger.Decision;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.LedgerDecider;
import io.laas.command.ledger.LedgerState;
import io.laas.command.ledger.Rejection;
import io.laas.command.ledger.TransactionState;
import io.laas.command.posting.Appended;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.Outcome;
import io.laas.command.posting.Responder;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionReversed;
import tools.jackson.databind.json.JsonMapper;

/**
 * One batch of one ledger's commands inside one database transaction (the caller's). Decides each command against
 * the loaded rows plus the changes of the commands before it, then writes everything at once. Returns the
 * outcome of each request, in order; nothing is visible to anyone until the caller commits.
 */
final class BatchRun {

	private final LedgerRows rows;

	private final JsonMapper json;

	private final Clock clock;

	BatchRun(LedgerRows rows, JsonMapper json, Clock clock) {
		this.rows = rows;
		this.json = json;
		this.clock = clock;
	}

	List<Outcome> run(UUID ledgerId, List<CommandRequest> requests) {
		LedgerRows.LedgerHead head = rows.lockLedger(ledgerId)
			.orElseThrow(() -> new IllegalStateException("ledger " + ledgerId + " does not exist"));
		References references = References.of(requests.stream().map(CommandRequest::command).toList());
		Map<UUID, TransactionState> transactions = rows.transactions(ledgerId, references.transactions);
		Set<AccountCode> codes = new LinkedHashSet<>(references.accounts);
		transactions.values().forEach(t -> t.postings().forEach(p -> codes.add(new AccountCode(p.accountCode()))));
		Map<AccountCode, AccountState> accounts = rows.accounts(ledgerId, codes);
		Set<String> keys = new LinkedHashSet<>();
		requests.forEach(r -> {
			if (r.idempotencyKey() != null) {
				keys.add(r.idempotencyKey());
			}
		});
		Map<String, LedgerRows.StoredAnswer> answers = new LinkedHashMap<>(rows.answers(ledgerId, keys));

		LoadedLedger loaded = new LoadedLedger(ledgerId, head.currency(), head.lastSequence(), accounts, transactions);
		LedgerState state = new LedgerState(loaded);
		Instant now = clock.instant();
		long sequence = head.lastSequence();
		List<Outcome> outcomes = new ArrayList<>(requests.size());
		List<LedgerRows.EventRow> eventRows = new ArrayList<>();
		List<LedgerRows.AnswerRow> answerRows = new ArrayList<>();
		for (CommandRequest request : requests) {
			LedgerRows.StoredAnswer stored = request.idempotencyKey() == null ? null
					: answers.get(request.idempotencyKey());
			if (stored != null) {
				outcomes.add(replay(request, stored));
				continue;
			}
			Decision decision = LedgerDecider.decide(request.command(), state, now);
			if (decision instanceof Decision.Rejected rejected) {
				outcomes.add(new Outcome.Refused(rejected.rejection()));
				continue;
			}
			List<Appended.Event> appended = new ArrayList<>();
			for (LedgerEvent event : ((Decision.Accepted) decision).events()) {
				sequence++;
				state.apply(event, sequence);
				Appended.Event row = new Appended.Event(Ids.next(), sequence, assertBalanced(event),
						occurredAt(request.command(), now));
				appended.add(row);
				eventRows.add(new LedgerRows.EventRow(row, now, appended.size() == 1 ? request.idempotencyKey() : null));
			}
			Responder.Answer answer = request.responder().answer(new Appended(ledgerId, appended, state, now));
			String body = json.writeValueAsString(answer.body());
			if (request.idempotencyKey() != null) {
				answers.put(request.idempotencyKey(),
						new LedgerRows.StoredAnswer(request.requestHash(), answer.status(), body));
				answerRows.add(new LedgerRows.AnswerRow(request.idempotencyKey(), request.requestHash(), answer.status(),
						body));
			}
			outcomes.add(new Outcome.Done(answer.status(), body, false));
		}
		if (eventRows.isEmpty()) {
			return outcomes;
		}
		write(ledgerId, accounts, state, eventRows, answerRows, sequence);
		return outcomes;
	}

	private void write(UUID ledgerId, Map<AccountCode, AccountState> loadedAccounts, LedgerState state,
			List<LedgerRows.EventRow> eventRows, List<LedgerRows.AnswerRow> answerRows, long lastSequence) {
		List<AccountState> created = new ArrayList<>();
		List<AccountState> changed = new ArrayList<>();
		state.changedAccounts().forEach((code, account) -> {
			if (loadedAccounts.containsKey(code)) {
				changed.add(account);
			}
			else {
				created.add(account);
			}
		});
		// Parents before children is not needed (no foreign key on parent_code); stable order keeps lock order stable.
		created.sort((a, b) -> a.code().compareTo(b.code()));
		changed.sort((a, b) -> a.code().compareTo(b.code()));
		rows.insertAccounts(ledgerId, created);
		rows.updateAccounts(changed);
		rows.upsertTransactions(ledgerId, new ArrayList<>(state.changedTransactions().values()));
		rows.insertEvents(ledgerId, eventRows);
		rows.insertAnswers(ledgerId, answerRows);
		rows.advanceSequence(ledgerId, lastSequence);
	}

	private static Outcome replay(CommandRequest request, LedgerRows.StoredAnswer stored) {
		if (!Objects.equals(stored.requestHash(), request.requestHash())) {
			return new Outcome.Refused(Rejection.of(Rejection.Code.IDEMPOTENCY_KEY_REUSED, "idempotency_key",
					"The idempotency key '" + request.idempotencyKey()
							+ "' was already used with a different request; use a new key for a new request."));
		}
		return new Outcome.Done(stored.status(), stored.bodyJson(), true);
	}

	private static Instant occurredAt(LedgerCommand command, Instant now) {
		if (command instanceof LedgerCommand.PostTransaction c && c.occurredAt() != null) {
			return c.occurredAt();
		}
		return now;
	}

	/** Paired with the decider's check: no unbalanced posting set reaches the events table, whatever the path. */
	private static LedgerEvent assertBalanced(LedgerEvent event) {
		List<Posting> postings = null;
		if (event instanceof TransactionPosted e) {
			postings = e.postings();
		}
		else if (event instanceof TransactionPending e) {
			postings = e.postings();
		}
		else if (event instanceof TransactionReversed e) {
			postings = e.postings();
		}
		if (postings != null) {
			io.laas.events.Postings.requireBalanced(postings);
		}
		return event;
	}

}
