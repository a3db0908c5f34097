package io.laas.command.account;

import io.laas.command.ledger.Ids;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountFlag;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;

/** Body of {@code POST /v1/accounts}. */
record OpenAccountRequest(String code, String name, String type, String currency, String parentCode,
		List<String> flags, Map<String, String> metadata) {

	LedgerCommand.CreateAccount toCommand() {
		if (!AccountCode.isValid(RequestLimits.required(code, "code"))) {
			throw ApiProblem.invalid("code", "must be 1 to " + AccountCode.LENGTH_MAX
					+ " letters, digits, '_', '-', '.' or ':' starting with a letter or digit");
		}
		String checkedName = RequestLimits.text(name, "name", RequestLimits.NAME_LENGTH_MAX, false);
		AccountType accountType = AccountType.fromWire(RequestLimits.required(type, "type"))
			.orElseThrow(() -> ApiProblem.invalid("type", "must be one of asset, liability, equity, revenue, expense"));
		if (currency != null && !currency.matches("[A-Z]{3}")) {
			throw ApiProblem.invalid("currency", "must be an upper-case ISO 4217 code such as USD");
		}
		if (parentCode != null && !AccountCode.isValid(parentCode)) {
			throw ApiProblem.invalid("parent_code", "is not a valid account code");
		}
		Set<AccountFlag> checkedFlags = new TreeSet<>();
		if (flags != null) {
			for (int i = 0; i < flags.size(); i++) {
				int index = i;
				checkedFlags.add(AccountFlag.fromWire(flags.get(i))
					.orElseThrow(() -> ApiProblem.invalid("flags[" + index + "]",
							"must be debits_must_not_exceed_credits or credits_must_not_exceed_debits")));
			}
		}
		if (checkedFlags.size() > 1) {
			throw ApiProblem.invalid("flags", "cannot hold both balance constraints: no amount could ever move");
		}
		return new LedgerCommand.CreateAccount(Ids.next(), new AccountCode(code),
				checkedName == null ? code : checkedName, accountType, currency,
				parentCode == null ? null : new AccountCode(parentCode), checkedFlags,
				RequestLimits.metadata(metadata, "metadata"));
	}

}
