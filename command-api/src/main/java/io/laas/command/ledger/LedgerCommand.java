package io.laas.command.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.laas.events.Direction;

/**
 * Everything that changes a ledger. Commands arrive already checked for shape at the HTTP boundary (types,
 * formats, limits); the {@link LedgerDecider} checks them against the ledger's state.
 */
public sealed interface LedgerCommand {

	/** One posting line as requested; {@code currency} null means the account's currency. */
	record PostingLine(int index, AccountCode account, Direction direction, BigDecimal amount, String currency,
			Long expectedVersion) {
	}

	record CreateAccount(UUID accountId, AccountCode code, String name, AccountType type, String currency,
			AccountCode parentCode, Set<AccountFlag> flags, Map<String, String> metadata) implements LedgerCommand {
	}

	/** Only name and metadata may change; null leaves a field as it is. */
	record UpdateAccount(AccountCode code, String name, Map<String, String> metadata) implements LedgerCommand {
	}

	record PostTransaction(UUID transactionId, String externalId, String description, Map<String, String> metadata,
			Instant occurredAt, boolean pending, Instant expiresAt, List<PostingLine> postings) implements LedgerCommand {
	}

	/** Posts a pending transaction, in full ({@code amounts} null) or for smaller amounts per original posting. */
	record PostPending(UUID transactionId, List<BigDecimal> amounts) implements LedgerCommand {
	}

	/** Voids a pending transaction; reason is "voided" (a request) or "expired" (its expiry passed). */
	record VoidPending(UUID transactionId, String reason) implements LedgerCommand {
	}

	record ReverseTransaction(UUID reversalId, UUID transactionId, String description, Map<String, String> metadata)
			implements LedgerCommand {
	}

	/** All transactions or none: the first rejection rejects the batch. */
	record AtomicBatch(List<PostTransaction> transactions) implements LedgerCommand {
	}

}
