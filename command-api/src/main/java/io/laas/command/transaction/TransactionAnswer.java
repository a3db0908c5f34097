package io.laas.command.transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountState;
import io.laas.command.ledger.Balances;
import io.laas.command.ledger.LedgerView;
import io.laas.command.ledger.Money;
import io.laas.command.posting.Appended;
import io.laas.events.Direction;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * A transaction as a command's answer: its id, the ledger sequence that recorded it, its postings and the
 * resulting balances of the accounts it touched (strongly consistent: read in the same database transaction).
 */
public record TransactionAnswer(UUID id, UUID ledgerId, long sequence, String status, String externalId,
		String description, Map<String, String> metadata, Instant occurredAt, Instant recordedAt, Instant expiresAt,
		UUID reverses, List<Line> postings, List<AccountBalance> balances) {

	public record Line(String accountCode, String direction, String amount, String currency) {
	}

	public record AccountBalance(String accountCode, String currency, String posted, String pending, String available,
			long version) {
	}

	static TransactionAnswer of(Appended appended, Appended.Event event) {
		LedgerEvent payload = event.payload();
		UUID id;
		String status;
		String externalId = null;
		String description = null;
		Map<String, String> metadata = Map.of();
		Instant expiresAt = null;
		UUID reverses = null;
		List<Posting> postings;
		List<Posting> touched;
		if (payload instanceof TransactionPosted e) {
			id = e.transactionId();
			status = "posted";
			externalId = e.externalId();
			description = e.description();
			metadata = e.metadata();
			postings = e.postings();
			touched = postings;
		}
		else if (payload instanceof TransactionPending e) {
			id = e.transactionId();
			status = "pending";
			externalId = e.externalId();
			description = e.description();
			metadata = e.metadata();
			expiresAt = e.expiresAt();
			postings = e.postings();
			touched = postings;
		}
		else if (payload instanceof TransactionPostedFromPending e) {
			id = e.transactionId();
			status = "posted";
			postings = e.postings();
			touched = e.releasedPostings();
		}
		else if (payload instanceof TransactionVoided e) {
			id = e.transactionId();
			status = "expired".equals(e.reason()) ? "expired" : "voided";
			postings = e.releasedPostings();
			touched = postings;
		}
		else if (payload instanceof TransactionReversed e) {
			id = e.transactionId();
			status = "posted";
			description = e.description();
			metadata = e.metadata();
			reverses = e.reversedTransactionId();
			postings = e.postings();
			touched = postings;
		}
		else {
			throw new IllegalStateException("not a transaction event: " + payload);
		}
		return new TransactionAnswer(id, appended.ledgerId(), event.sequence(), status, externalId, description, metadata,
				event.occurredAt(), appended.recordedAt(), expiresAt, reverses, lines(postings),
				balances(appended.after(), touched));
	}

	private static List<Line> lines(List<Posting> postings) {
		return postings.stream()
			.map(p -> new Line(p.accountCode(), p.direction().wire(), Money.format(p.amount(), p.currency()),
					p.currency()))
			.toList();
	}

	private static List<AccountBalance> balances(LedgerView after, List<Posting> postings) {
		Map<String, AccountBalance> byCode = new LinkedHashMap<>();
		for (Posting p : postings) {
			byCode.computeIfAbsent(p.accountCode(), code -> {
				AccountState a = after.account(new AccountCode(code)).orElseThrow();
				Direction side = a.type().normalSide();
				Balances b = a.balances();
				return new AccountBalance(code, a.currency(), Money.format(b.posted(side), a.currency()),
						Money.format(b.pending(side), a.currency()), Money.format(b.available(side), a.currency()),
						a.version());
			});
		}
		return new ArrayList<>(byCode.values());
	}

}
