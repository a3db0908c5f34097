package io.laas.command.account;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.command.ledger.AccountFlag;
import io.laas.command.ledger.AccountState;
import io.laas.command.ledger.Balances;
import io.laas.command.ledger.Money;
import io.laas.events.Direction;

/**
 * An account as the API shows it. Amounts are decimal strings with the currency's scale; {@code balance} is on
 * the account's normal side (debit for assets and expenses, credit for the others).
 */
public record AccountAnswer(UUID id, String code, String name, String type, String currency, String parentCode,
		List<String> flags, Map<String, String> metadata, long version, Balance balance, String debitsPosted,
		String creditsPosted, String debitsPending, String creditsPending, long sequence) {

	public record Balance(String posted, String pending, String available) {
	}

	/** @param sequence the ledger sequence of the event that produced this state */
	public static AccountAnswer of(AccountState a, long sequence) {
		Balances b = a.balances();
		Direction side = a.type().normalSide();
		String c = a.currency();
		return new AccountAnswer(a.id(), a.code().value(), a.name(), a.type().wire(), c,
				a.parentCode() == null ? null : a.parentCode().value(),
				a.flags().stream().map(AccountFlag::wire).sorted().toList(), a.metadata(), a.version(),
				new Balance(Money.format(b.posted(side), c), Money.format(b.pending(side), c),
						Money.format(b.available(side), c)),
				Money.format(b.debitsPosted(), c), Money.format(b.creditsPosted(), c), Money.format(b.debitsPending(), c),
				Money.format(b.creditsPending(), c), sequence);
	}

}
