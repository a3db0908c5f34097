package io.laas.events;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Schema version 1: an account's name and/or metadata changed (the only mutable fields). */
public record AccountUpdated(UUID accountId, String code, String name, Map<String, String> metadata)
		implements LedgerEvent {

	public AccountUpdated {
		Objects.requireNonNull(accountId, "account_id");
		Objects.requireNonNull(code, "code");
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
