package io.laas.command.account;

import java.util.Map;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.web.RequestLimits;

/** Body of {@code PATCH /v1/accounts/{code}}: only the name and the metadata may change. */
record UpdateAccountRequest(String name, Map<String, String> metadata) {

	LedgerCommand.UpdateAccount toCommand(AccountCode code) {
		return new LedgerCommand.UpdateAccount(code,
				RequestLimits.text(name, "name", RequestLimits.NAME_LENGTH_MAX, false),
				metadata == null ? null : RequestLimits.metadata(metadata, "metadata"));
	}

}
