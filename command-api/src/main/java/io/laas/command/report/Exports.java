package io.laas.command.report;

/** The CSV form of each answer: one row per line of the JSON answer, the first column saying what the row is. */
final class Exports {

	private Exports() {
	}

	/** {@code opening}, one {@code entry} per posting, {@code closing}. */
	static Csv statement(Statement s) {
		Csv csv = new Csv("row", "account_code", "currency", "transaction_id", "sequence", "occurred_at", "description",
				"direction", "amount", "balance");
		csv.row("opening", s.accountCode(), s.currency(), null, null, Csv.time(s.from()), null, null, null,
				s.openingBalance());
		for (Statement.Entry e : s.entries()) {
			csv.row("entry", s.accountCode(), s.currency(), e.transactionId(), e.sequence(), Csv.time(e.occurredAt()),
					Csv.text(e.description()), e.direction(), e.amount(), e.runningBalance());
		}
		csv.row("closing", s.accountCode(), s.currency(), null, null, Csv.time(s.to()), null, null, null,
				s.closingBalance());
		return csv;
	}

	/** One {@code account} row per account, then a {@code total} row, per currency. */
	static Csv trialBalance(TrialBalance report) {
		Csv csv = new Csv("row", "currency", "code", "name", "type", "parent_code", "level", "debit", "credit");
		for (TrialBalance.InCurrency c : report.currencies()) {
			for (TrialBalance.Line line : c.accounts()) {
				csv.row("account", c.currency(), line.code(), Csv.text(line.name()), line.type(), line.parentCode(),
						line.level(), line.debit(), line.credit());
			}
			csv.row("total", c.currency(), null, null, null, null, null, c.totalDebits(), c.totalCredits());
		}
		return csv;
	}

	/**
	 * Per currency: accounts and {@code total} of assets, liabilities and equity; {@code retained_earnings};
	 * {@code total} of liabilities_and_equity; and the {@code check} (assets minus the other side: always 0).
	 */
	static Csv balanceSheet(BalanceSheet report) {
		Csv csv = sectionsHeader();
		for (BalanceSheet.InCurrency c : report.currencies()) {
			section(csv, c.currency(), "assets", c.assets());
			section(csv, c.currency(), "liabilities", c.liabilities());
			section(csv, c.currency(), "equity", c.equity());
			csv.row("retained_earnings", c.currency(), "equity", null, null, null, null, c.retainedEarnings().amount());
			csv.row("total", c.currency(), "liabilities_and_equity", null, null, null, null,
					c.totalLiabilitiesAndEquity());
			csv.row("check", c.currency(), "assets_minus_liabilities_and_equity", null, null, null, null,
					c.check().difference());
		}
		return csv;
	}

	/** Per currency: accounts and {@code total} of revenue and of expenses, then {@code net_income}. */
	static Csv incomeStatement(IncomeStatement report) {
		Csv csv = sectionsHeader();
		for (IncomeStatement.InCurrency c : report.currencies()) {
			section(csv, c.currency(), "revenue", c.revenue());
			section(csv, c.currency(), "expenses", c.expenses());
			csv.row("net_income", c.currency(), null, null, null, null, null, c.netIncome());
		}
		return csv;
	}

	private static Csv sectionsHeader() {
		return new Csv("row", "currency", "section", "code", "name", "parent_code", "level", "amount");
	}

	private static void section(Csv csv, String currency, String name, Section section) {
		for (Section.Line line : section.accounts()) {
			csv.row("account", currency, name, line.code(), Csv.text(line.name()), line.parentCode(), line.level(),
					line.balance());
		}
		csv.row("total", currency, name, null, null, null, null, section.total());
	}

}
