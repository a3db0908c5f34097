package io.laas.command.posting.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountState;
import io.laas.command.ledger.LedgerView;
import io.laas.command.ledger.TransactionState;

/** The rows one batch loaded under the ledger lock: exactly what its commands can reference. */
record LoadedLedger(UUID ledgerId, String currency, long lastSequence, Map<AccountCode, AccountState> accounts,
		Map<UUID, TransactionState> transactions) implements LedgerView {

	@Override
	public Optional<AccountState> account(AccountCode code) {
		return Optional.ofNullable(accounts.get(code));
	}

	@Override
	public Optional<TransactionState> transaction(UUID id) {
		return Optional.ofNullable(transactions.get(id));
	}

	@Override
	public String ledgerCurrency() {
		return currency;
	}

}
