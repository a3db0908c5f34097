package io.laas.command.ledger;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The write-side state of one account: what the decider needs to accept or reject a command. */
public record AccountState(UUID id, AccountCode code, String name, AccountType type, String currency,
		AccountCode parentCode, Set<AccountFlag> flags, Map<String, String> metadata, long version, Balances balances) {

	public AccountState {
		flags = Set.copyOf(flags);
		metadata = Map.copyOf(metadata);
	}

	public AccountState withBalances(Balances next) {
		return new AccountState(id, code, name, type, currency, parentCode, flags, metadata, version + 1, next);
	}

	public AccountState withDetails(String nextName, Map<String, String> nextMetadata) {
		return new AccountState(id, code, nextName, type, currency, parentCode, flags, nextMetadata, version, balances);
	}

}
