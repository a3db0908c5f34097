package io.laas.command.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the read-side queries, checked at start-up.
 *
 * @param statementEntriesMax most entries one statement answers; a longer period is refused (narrow from/to)
 * @param accountsMax most accounts a report or a ledger-wide query covers
 * @param queryTimeoutMs longest one answer's SQL may run ({@code statement_timeout} of its snapshot)
 */
@ConfigurationProperties("laas.reports")
public record ReportSettings(Integer statementEntriesMax, Integer accountsMax, Integer queryTimeoutMs) {

	static final int STATEMENT_ENTRIES_MAX_DEFAULT = 10_000;

	static final int ACCOUNTS_MAX_DEFAULT = 10_000;

	static final int QUERY_TIMEOUT_MS_DEFAULT = 10_000;

	public ReportSettings {
		statementEntriesMax = statementEntriesMax == null ? STATEMENT_ENTRIES_MAX_DEFAULT : statementEntriesMax;
		accountsMax = accountsMax == null ? ACCOUNTS_MAX_DEFAULT : accountsMax;
		queryTimeoutMs = queryTimeoutMs == null ? QUERY_TIMEOUT_MS_DEFAULT : queryTimeoutMs;
		requireWithin("laas.reports.statement-entries-max", statementEntriesMax, 1, 1_000_000);
		requireWithin("laas.reports.accounts-max", accountsMax, 1, 1_000_000);
		requireWithin("laas.reports.query-timeout-ms", queryTimeoutMs, 100, 600_000);
	}

	private static void requireWithin(String key, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(key + " must be " + min + " to " + max + ", not " + value);
		}
	}

}
