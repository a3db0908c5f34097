package io.laas.command.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Money;

/**
 * Assets, liabilities and equity at an effective time, per currency, children rolled up into parents. Revenue
 * minus expenses to date is shown as retained earnings, so that assets = liabilities + equity + retained
 * earnings: the {@code check} shows both sides. They are equal by construction (every transaction balances), and
 * building a sheet that does not balance throws.
 */
public record BalanceSheet(Instant asOf, long asOfSequence, List<InCurrency> currencies) {

	/** Revenue minus expenses, from the first transaction up to {@code as_of}. */
	public record RetainedEarnings(String revenue, String expenses, String amount) {
	}

	/** Both sides of the accounting equation and their difference (always 0). */
	public record Check(String assets, String liabilitiesEquityAndRetainedEarnings, String difference,
			boolean balanced) {
	}

	public record InCurrency(String currency, Section assets, Section liabilities, Section equity,
			RetainedEarnings retainedEarnings, String totalLiabilitiesAndEquity, Check check) {
	}

	/** @param asOf null for "now" */
	static BalanceSheet of(Instant asOf, long asOfSequence, List<AccountTotals> accounts) {
		List<InCurrency> currencies = new ArrayList<>();
		for (Hierarchy h : Hierarchy.byCurrency(accounts)) {
			String c = h.currency();
			BigDecimal assets = h.total(AccountType.ASSET);
			BigDecimal revenue = h.total(AccountType.REVENUE);
			BigDecimal expenses = h.total(AccountType.EXPENSE);
			BigDecimal retained = revenue.subtract(expenses);
			BigDecimal otherSide = h.total(AccountType.LIABILITY).add(h.total(AccountType.EQUITY)).add(retained);
			BigDecimal difference = assets.subtract(otherSide);
			if (difference.signum() != 0) {
				throw new IllegalStateException("the balance sheet in " + c + " does not balance: assets "
						+ assets.toPlainString() + ", liabilities + equity + retained earnings "
						+ otherSide.toPlainString() + "; the read model holds an unbalanced transaction");
			}
			currencies.add(new InCurrency(c, Section.of(h, AccountType.ASSET), Section.of(h, AccountType.LIABILITY),
					Section.of(h, AccountType.EQUITY),
					new RetainedEarnings(Money.format(revenue, c), Money.format(expenses, c), Money.format(retained, c)),
					Money.format(otherSide, c), new Check(Money.format(assets, c), Money.format(otherSide, c),
							Money.format(difference, c), true)));
		}
		return new BalanceSheet(asOf, asOfSequence, currencies);
	}

}
