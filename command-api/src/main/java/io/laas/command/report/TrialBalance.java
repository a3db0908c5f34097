package io.laas.command.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.laas.command.ledger.Money;

/**
 * Every account's posted balance in the debit or the credit column, per currency, with children rolled up into
 * their parents. The columns' totals are taken over top-level accounts (each amount once) and are equal by
 * construction: every transaction balances in each currency, so the ledger's debits minus credits sum to zero.
 * A trial balance that does not balance means a broken read model, and building one throws.
 */
public record TrialBalance(Instant asOf, long asOfSequence, List<InCurrency> currencies) {

	/** One account: its net posted balance, in {@code debit} when debits exceed credits, else in {@code credit}. */
	public record Line(String code, String name, String type, String parentCode, int level, String debit,
			String credit) {
	}

	public record InCurrency(String currency, List<Line> accounts, String totalDebits, String totalCredits) {
	}

	/** @param asOf null for "now" */
	static TrialBalance of(Instant asOf, long asOfSequence, List<AccountTotals> accounts) {
		List<InCurrency> currencies = new ArrayList<>();
		for (Hierarchy hierarchy : Hierarchy.byCurrency(accounts)) {
			String currency = hierarchy.currency();
			List<Line> lines = new ArrayList<>();
			for (Hierarchy.Node node : hierarchy.nodes()) {
				BigDecimal net = node.netDebit();
				lines.add(new Line(node.account().code(), node.account().name(), node.account().type().wire(),
						node.account().parentCode(), node.level(), Money.format(net.max(BigDecimal.ZERO), currency),
						Money.format(net.negate().max(BigDecimal.ZERO), currency)));
			}
			BigDecimal debits = BigDecimal.ZERO;
			BigDecimal credits = BigDecimal.ZERO;
			for (Hierarchy.Node root : hierarchy.roots()) {
				debits = debits.add(root.netDebit().max(BigDecimal.ZERO));
				credits = credits.add(root.netDebit().negate().max(BigDecimal.ZERO));
			}
			if (debits.compareTo(credits) != 0) {
				throw new IllegalStateException("the trial balance in " + currency + " does not balance: debits "
						+ debits.toPlainString() + ", credits " + credits.toPlainString()
						+ "; the read model holds an unbalanced transaction");
			}
			currencies.add(new InCurrency(currency, lines, Money.format(debits, currency),
					Money.format(credits, currency)));
		}
		return new TrialBalance(asOf, asOfSequence, currencies);
	}

}
