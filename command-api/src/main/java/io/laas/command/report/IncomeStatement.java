package io.laas.command.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Money;

/**
 * Revenue and expenses posted within a period of effective time ({@code from} inclusive, {@code to} exclusive),
 * per currency, children rolled up into parents, and net income = revenue − expenses.
 */
public record IncomeStatement(Instant from, Instant to, long asOfSequence, List<InCurrency> currencies) {

	public record InCurrency(String currency, Section revenue, Section expenses, String netIncome) {
	}

	/** @param movements revenue and expense accounts with their posted movements within the period */
	static IncomeStatement of(Instant from, Instant to, long asOfSequence, List<AccountTotals> movements) {
		List<InCurrency> currencies = new ArrayList<>();
		for (Hierarchy h : Hierarchy.byCurrency(movements)) {
			String c = h.currency();
			currencies.add(new InCurrency(c, Section.of(h, AccountType.REVENUE), Section.of(h, AccountType.EXPENSE),
					Money.format(h.total(AccountType.REVENUE).subtract(h.total(AccountType.EXPENSE)), c)));
		}
		return new IncomeStatement(from, to, asOfSequence, currencies);
	}

}
