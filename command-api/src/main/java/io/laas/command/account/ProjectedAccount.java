package io.laas.command.account;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;
import io.laas.command.ledger.Money;
import io.laas.events.Direction;

/**
 * An account as the projector last saw it ({@code read_model.accounts}), with {@code as_of_sequence}: the ledger
 * sequence these balances include. Pass {@code min_sequence} to wait until the projection caught up with a write.
 */
public record ProjectedAccount(UUID id, String code, String name, String type, String currency, String parentCode,
		List<String> flags, Map<String, String> metadata, AccountAnswer.Balance balance, String debitsPosted,
		String creditsPosted, String debitsPending, String creditsPending, long asOfSequence) {

	static ProjectedAccount of(UUID id, String code, String name, AccountType type, String currency, String parentCode,
			List<String> flags, Map<String, String> metadata, Balances b, long asOfSequence) {
		Direction side = type.normalSide();
		return new ProjectedAccount(id, code, name, type.wire(), currency, parentCode, flags, metadata,
				new AccountAnswer.Balance(fmt(b.posted(side), currency), fmt(b.pending(side), currency),
						fmt(b.available(side), currency)),
				fmt(b.debitsPosted(), currency), fmt(b.creditsPosted(), currency), fmt(b.debitsPending(), currency),
				fmt(b.creditsPending(), currency), asOfSequence);
	}

	private static String fmt(BigDecimal amount, String currency) {
		return Money.format(amount, currency);
	}

}
