package io.laas.command.transaction;

import io.laas.command.ledger.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.Currencies;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.Money;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;
import io.laas.events.Direction;

/**
 * Body of {@code POST /v1/transactions}. Amounts are decimal strings (JSON numbers are refused before this record
 * exists); shape, formats and limits are checked here, the posting rules by the decider.
 */
record PostTransactionRequest(String idempotencyKey, String externalId, String occurredAt, String description,
		Map<String, String> metadata, String status, String expiresAt, List<Line> postings) {

	record Line(String accountCode, String direction, String amount, String currency, Long expectedAccountVersion) {
	}

	LedgerCommand.PostTransaction toCommand(String field) {
		String prefix = field.isEmpty() ? "" : field + ".";
		boolean pending;
		if (status == null || "posted".equals(status)) {
			pending = false;
		}
		else if ("pending".equals(status)) {
			pending = true;
		}
		else {
			throw ApiProblem.invalid(prefix + "status", "must be 'posted' or 'pending'");
		}
		if (!pending && expiresAt != null) {
			throw ApiProblem.invalid(prefix + "expires_at", "applies only to pending transactions");
		}
		List<Line> lines = RequestLimits.required(postings, prefix + "postings");
		if (lines.size() > RequestLimits.POSTINGS_PER_TRANSACTION_MAX) {
			throw ApiProblem.invalid(prefix + "postings",
					"has more than " + RequestLimits.POSTINGS_PER_TRANSACTION_MAX + " postings");
		}
		List<LedgerCommand.PostingLine> checked = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			checked.add(line(lines.get(i), i, prefix + "postings[" + i + "]"));
		}
		return new LedgerCommand.PostTransaction(Ids.next(),
				RequestLimits.text(externalId, prefix + "external_id", RequestLimits.EXTERNAL_ID_LENGTH_MAX, false),
				RequestLimits.text(description, prefix + "description", RequestLimits.DESCRIPTION_LENGTH_MAX, false),
				RequestLimits.metadata(metadata, prefix + "metadata"), instant(occurredAt, prefix + "occurred_at"),
				pending, instant(expiresAt, prefix + "expires_at"), checked);
	}

	private static LedgerCommand.PostingLine line(Line line, int index, String field) {
		if (line == null) {
			throw ApiProblem.invalid(field, "must be an object");
		}
		String code = RequestLimits.required(line.accountCode(), field + ".account_code");
		if (!AccountCode.isValid(code)) {
			throw ApiProblem.invalid(field + ".account_code", "is not a valid account code");
		}
		String directionText = RequestLimits.required(line.direction(), field + ".direction");
		if (!"debit".equals(directionText) && !"credit".equals(directionText)) {
			throw ApiProblem.invalid(field + ".direction", "must be 'debit' or 'credit'");
		}
		Direction direction = Direction.fromWire(directionText);
		BigDecimal amount;
		try {
			amount = Money.parsePositive(RequestLimits.required(line.amount(), field + ".amount"));
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.invalid(field + ".amount", ex.getMessage());
		}
		if (line.currency() != null && !Currencies.isUpperCaseCode(line.currency())) {
			throw ApiProblem.invalid(field + ".currency", "must be an upper-case ISO 4217 code such as USD");
		}
		return new LedgerCommand.PostingLine(index, new AccountCode(code), direction, amount, line.currency(),
				line.expectedAccountVersion());
	}

	static Instant instant(String text, String field) {
		return RequestLimits.timestamp(text, field);
	}

}
