package io.laas.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Schema version 1: an account was opened in a ledger. */
public record AccountCreated(UUID accountId, String code, String name, String type, String currency,
		String parentCode, List<String> flags, Map<String, String> metadata) implements LedgerEvent {

	public AccountCreated {
		Objects.requireNonNull(accountId, "account_id");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(currency, "currency");
		flags = flags == null ? List.of() : List.copyOf(flags);
		metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
	}

	@Override
	public String aggregateType() {
		return "account";
	}

	@Override
	public String aggregateId() {
		return accountId.toString();
	}

}
