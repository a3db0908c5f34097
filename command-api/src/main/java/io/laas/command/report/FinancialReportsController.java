package io.laas.command.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.account.ProjectedAccounts;
import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;

/**
 * Trial balance, balance sheet and income statement, per currency, children rolled up into parents:
 * {@code /v1/reports/...} for API keys, {@code /api/ledgers/{id}/reports/...} for dashboard sessions. JSON, or
 * CSV with {@code format=csv} or {@code Accept: text/csv}.
 */
@RestController
class FinancialReportsController {

	private final Books books;

	private final ProjectedAccounts projected;

	private final Access access;

	FinancialReportsController(Books books, ProjectedAccounts projected, Access access) {
		this.books = books;
		this.projected = projected;
		this.access = access;
	}

	@GetMapping("/v1/reports/trial-balance")
	ResponseEntity<?> trialBalanceForKey(@RequestParam(name = "as_of", required = false) String asOf,
			@RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return trialBalance(ApiPrincipal.of(request).ledgerId(), asOf, format, minSequence, accept);
	}

	@GetMapping("/api/ledgers/{ledgerId}/reports/trial-balance")
	ResponseEntity<?> trialBalanceForUser(@PathVariable UUID ledgerId,
			@RequestParam(name = "as_of", required = false) String asOf, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return trialBalance(ledgerId, asOf, format, minSequence, accept);
	}

	@GetMapping("/v1/reports/balance-sheet")
	ResponseEntity<?> balanceSheetForKey(@RequestParam(name = "as_of", required = false) String asOf,
			@RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return balanceSheet(ApiPrincipal.of(request).ledgerId(), asOf, format, minSequence, accept);
	}

	@GetMapping("/api/ledgers/{ledgerId}/reports/balance-sheet")
	ResponseEntity<?> balanceSheetForUser(@PathVariable UUID ledgerId,
			@RequestParam(name = "as_of", required = false) String asOf, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return balanceSheet(ledgerId, asOf, format, minSequence, accept);
	}

	@GetMapping("/v1/reports/income-statement")
	ResponseEntity<?> incomeStatementForKey(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return incomeStatement(ApiPrincipal.of(request).ledgerId(), from, to, format, minSequence, accept);
	}

	@GetMapping("/api/ledgers/{ledgerId}/reports/income-statement")
	ResponseEntity<?> incomeStatementForUser(@PathVariable UUID ledgerId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return incomeStatement(ledgerId, from, to, format, minSequence, accept);
	}

	private ResponseEntity<?> trialBalance(UUID ledgerId, String asOfText, String format, Long minSequence,
			String accept) {
		Instant asOf = Parameters.instant(asOfText, "as_of");
		boolean csv = Parameters.csv(format, accept);
		await(ledgerId, minSequence);
		Books.Projected<List<AccountTotals>> accounts = books.accounts(ledgerId, asOf);
		TrialBalance report = TrialBalance.of(asOf, accounts.sequence(), accounts.value());
		return csv ? Exports.trialBalance(report).answer("trial-balance.csv") : ResponseEntity.ok(report);
	}

	private ResponseEntity<?> balanceSheet(UUID ledgerId, String asOfText, String format, Long minSequence,
			String accept) {
		Instant asOf = Parameters.instant(asOfText, "as_of");
		boolean csv = Parameters.csv(format, accept);
		await(ledgerId, minSequence);
		Books.Projected<List<AccountTotals>> accounts = books.accounts(ledgerId, asOf);
		BalanceSheet report = BalanceSheet.of(asOf, accounts.sequence(), accounts.value());
		return csv ? Exports.balanceSheet(report).answer("balance-sheet.csv") : ResponseEntity.ok(report);
	}

	private ResponseEntity<?> incomeStatement(UUID ledgerId, String fromText, String toText, String format,
			Long minSequence, String accept) {
		Instant from = Parameters.instant(fromText, "from");
		Instant to = Parameters.instant(toText, "to");
		Parameters.period(from, to);
		boolean csv = Parameters.csv(format, accept);
		await(ledgerId, minSequence);
		Books.Projected<List<AccountTotals>> movements = books.movements(ledgerId, from, to);
		IncomeStatement report = IncomeStatement.of(from, to, movements.sequence(), movements.value());
		return csv ? Exports.incomeStatement(report).answer("income-statement.csv") : ResponseEntity.ok(report);
	}

	private void await(UUID ledgerId, Long minSequence) {
		if (minSequence != null) {
			projected.awaitSequence(ledgerId, minSequence);
		}
	}

}
