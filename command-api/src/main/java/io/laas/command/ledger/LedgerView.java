package io.laas.command.ledger;

import java.util.Optional;
import java.util.UUID;

/** What the decider may read of a ledger: its accounts and transactions, as of now, and its default currency. */
public interface LedgerView {

	Optional<AccountState> account(AccountCode code);

	Optional<TransactionState> transaction(UUID id);

	String ledgerCurrency();

}
