package io.laas.command.report;

import java.time.Instant;
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
import io.laas.command.ledger.AccountCode;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.web.ApiProblem;

/**
 * An account's balance at any effective time and its statement over a period: {@code /v1/accounts/{code}/...}
 * for API keys, the same under {@code /api/ledgers/{id}/accounts/{code}/...} for dashboard sessions.
 */
@RestController
class AccountReportsController {

	/**
	 * The account capability answers this path with the dashboard's paged list of movements; a period statement is
	 * asked for with {@code from}, {@code to} or {@code format}, which that route does not take.
	 */
	private static final String STATEMENT_FOR_USER = "/api/ledgers/{ledgerId}/accounts/{code}/statement";

	private final Books books;

	private final ProjectedAccounts projected;

	private final Access access;

	AccountReportsController(Books books, ProjectedAccounts projected, Access access) {
		this.books = books;
		this.projected = projected;
		this.access = access;
	}

	@GetMapping("/v1/accounts/{code}/balance")
	AccountBalance balanceForKey(@PathVariable String code, @RequestParam(name = "as_of", required = false) String asOf,
			@RequestParam(name = "min_sequence", required = false) Long minSequence, HttpServletRequest request) {
		return balance(ApiPrincipal.of(request).ledgerId(), code, asOf, minSequence);
	}

	@GetMapping("/api/ledgers/{ledgerId}/accounts/{code}/balance")
	AccountBalance balanceForUser(@PathVariable UUID ledgerId, @PathVariable String code,
			@RequestParam(name = "as_of", required = false) String asOf,
			@RequestParam(name = "min_sequence", required = false) Long minSequence, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return balance(ledgerId, code, asOf, minSequence);
	}

	@GetMapping("/v1/accounts/{code}/statement")
	ResponseEntity<?> statementForKey(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return statement(ApiPrincipal.of(request).ledgerId(), code, from, to, format, minSequence, accept);
	}

	@GetMapping(path = STATEMENT_FOR_USER, params = "from")
	ResponseEntity<?> statementFromForUser(@PathVariable UUID ledgerId, @PathVariable String code,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return statement(ledgerId, code, from, to, format, minSequence, accept);
	}

	@GetMapping(path = STATEMENT_FOR_USER, params = { "!from", "to" })
	ResponseEntity<?> statementToForUser(@PathVariable UUID ledgerId, @PathVariable String code,
			@RequestParam(required = false) String to, @RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return statementFromForUser(ledgerId, code, null, to, format, minSequence, accept, request);
	}

	@GetMapping(path = STATEMENT_FOR_USER, params = { "!from", "!to", "format" })
	ResponseEntity<?> statementExportForUser(@PathVariable UUID ledgerId, @PathVariable String code,
			@RequestParam(required = false) String format,
			@RequestParam(name = "min_sequence", required = false) Long minSequence,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
		return statementFromForUser(ledgerId, code, null, null, format, minSequence, accept, request);
	}

	private AccountBalance balance(UUID ledgerId, String code, String asOfText, Long minSequence) {
		Instant asOf = Parameters.instant(asOfText, "as_of");
		validCode(code);
		await(ledgerId, minSequence);
		Books.Projected<AccountTotals> found = books.account(ledgerId, code, asOf)
			.orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
		return AccountBalance.of(found.value(), asOf, found.sequence());
	}

	private ResponseEntity<?> statement(UUID ledgerId, String code, String fromText, String toText, String format,
			Long minSequence, String accept) {
		Instant from = Parameters.instant(fromText, "from");
		Instant to = Parameters.instant(toText, "to");
		Parameters.period(from, to);
		boolean csv = Parameters.csv(format, accept);
		validCode(code);
		await(ledgerId, minSequence);
		Books.Projected<Books.StatementRows> found = books.statement(ledgerId, code, from, to)
			.orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
		Books.StatementRows rows = found.value();
		Statement statement = Statement.of(rows.account(), from, to, found.sequence(), rows.openingDebits(),
				rows.openingCredits(), rows.movements());
		return csv ? Exports.statement(statement).answer("statement-" + code + ".csv") : ResponseEntity.ok(statement);
	}

	private void await(UUID ledgerId, Long minSequence) {
		if (minSequence != null) {
			projected.awaitSequence(ledgerId, minSequence);
		}
	}

	private static void validCode(String code) {
		if (!AccountCode.isValid(code)) {
			throw ApiProblem.notFound("Account '" + code + "'");
		}
	}

}
