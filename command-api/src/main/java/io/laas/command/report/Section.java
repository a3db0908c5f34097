package io.laas.command.report;

import java.util.List;

import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Money;

/**
 * The accounts of one type in a report, parents before children, each with its rolled-up normal-side balance,
 * and the section's total (the sum of its top-level accounts, so that no amount is counted twice).
 */
public record Section(List<Line> accounts, String total) {

	/** {@code level} is 0 for a top-level account, 1 for its children, and so on. */
	public record Line(String code, String name, String parentCode, int level, String balance) {
	}

	static Section of(Hierarchy hierarchy, AccountType type) {
		String currency = hierarchy.currency();
		List<Line> lines = hierarchy.nodes(type)
			.stream()
			.map(n -> new Line(n.account().code(), n.account().name(), n.account().parentCode(), n.level(),
					Money.format(n.balance(), currency)))
			.toList();
		return new Section(lines, Money.format(hierarchy.total(type), currency));
	}

}
