package io.laas.command.account;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.isolation.LedgerScope;
import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.Money;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Responder;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.tenancy.Tenants;
import io.laas.command.web.Answers;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.Pages;

/**
 * Account lists and statements: {@code GET /v1/accounts} for API keys, and the same under
 * {@code /api/ledgers/{id}/accounts} for dashboard sessions (plus opening an account from the dashboard).
 */
@RestController
class LedgerAccountsController {

	private final ProjectedAccounts projected;

	private final Access access;

	private final LedgerCommands commands;

	private final JdbcTemplate jdbc;

	private final LedgerScope scope;

	LedgerAccountsController(ProjectedAccounts projected, Access access, LedgerCommands commands, JdbcTemplate jdbc,
			LedgerScope scope) {
		this.projected = projected;
		this.access = access;
		this.commands = commands;
		this.jdbc = jdbc;
		this.scope = scope;
	}

	@GetMapping("/v1/accounts")
	Map<String, Object> listForKey(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String type,
			@RequestParam(required = false) String currency, @RequestParam(required = false) String parent,
			@RequestParam(required = false) String q, @RequestParam(name = "metadata_key", required = false) String key,
			@RequestParam(name = "metadata_value", required = false) String value, HttpServletRequest request) {
		return list(ApiPrincipal.of(request).ledgerId(), cursor, limit, type, currency, parent, q, key, value);
	}

	@GetMapping("/api/ledgers/{ledgerId}/accounts")
	Map<String, Object> listForUser(@PathVariable UUID ledgerId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String type,
			@RequestParam(required = false) String currency, @RequestParam(required = false) String parent,
			@RequestParam(required = false) String q, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return list(ledgerId, cursor, limit, type, currency, parent, q, null, null);
	}

	@PostMapping("/api/ledgers/{ledgerId}/accounts")
	ResponseEntity<String> open(@PathVariable UUID ledgerId, @RequestBody OpenAccountRequest body,
			HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		LedgerCommand.CreateAccount command = body.toCommand();
		Responder responder = appended -> new Responder.Answer(201,
				AccountAnswer.of(appended.after().account(command.code()).orElseThrow(), appended.lastSequence()));
		return Answers.of(commands.execute(ledgerId, new CommandRequest(command, null, null, responder)));
	}

	@GetMapping("/api/ledgers/{ledgerId}/accounts/{code}")
	ProjectedAccount get(@PathVariable UUID ledgerId, @PathVariable String code, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return projected.find(ledgerId, code).orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
	}

	/** Posted movements of the account, newest first, each with the balance right after it. */
	@GetMapping("/api/ledgers/{ledgerId}/accounts/{code}/statement")
	Map<String, Object> statement(@PathVariable UUID ledgerId, @PathVariable String code,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit,
			HttpServletRequest request) {
		Tenants.Ledger ledger = access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		ProjectedAccount account = projected.find(ledger.id(), code)
			.orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
		int pageSize = Pages.limit(limit);
		String normal = AccountType.fromWire(account.type()).orElseThrow().normalSide().wire();
		try {
			List<Map<String, Object>> rows = scope.call(ledger.id(), () -> jdbc.query("select * from (select p.transaction_id, p.sequence, "
					+ "p.occurred_at, p.direction, p.amount, t.description, sum(case when p.direction = ? then p.amount "
					+ "else -p.amount end) over (order by p.sequence, p.ordinal) as running_balance "
					+ "from read_model.postings p left join read_model.transactions t on t.transaction_id = p.transaction_id "
					+ "where p.ledger_id = ? and p.account_code = ? and p.status = 'posted') s "
					+ "where s.sequence < ? order by s.sequence desc limit ?", (rs, i) -> {
						Map<String, Object> row = new java.util.LinkedHashMap<>();
						row.put("transaction_id", rs.getObject("transaction_id"));
						row.put("sequence", rs.getLong("sequence"));
						row.put("occurred_at", rs.getTimestamp("occurred_at") == null ? null
								: rs.getTimestamp("occurred_at").toInstant());
						row.put("direction", rs.getString("direction"));
						row.put("amount", Money.format(rs.getBigDecimal("amount"), account.currency()));
						row.put("running_balance", Money.format(rs.getBigDecimal("running_balance"), account.currency()));
						row.put("description", rs.getString("description"));
						return row;
					}, normal, ledger.id(), code, Pages.longPosition(cursor), pageSize));
			return Pages.of(rows, pageSize, row -> row.get("sequence"));
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
	}

	/** The posted balance after each day's last movement, oldest first (for the chart). */
	@GetMapping("/api/ledgers/{ledgerId}/accounts/{code}/balance-history")
	Map<String, Object> balanceHistory(@PathVariable UUID ledgerId, @PathVariable String code,
			HttpServletRequest request) {
		Tenants.Ledger ledger = access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		ProjectedAccount account = projected.find(ledger.id(), code)
			.orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
		String normal = AccountType.fromWire(account.type()).orElseThrow().normalSide().wire();
		try {
			List<Map<String, Object>> points = scope.call(ledger.id(), () -> jdbc.query("select day, balance from (select date_trunc('day', "
					+ "p.occurred_at) as day, sum(sum(case when p.direction = ? then p.amount else -p.amount end)) "
					+ "over (order by date_trunc('day', p.occurred_at)) as balance from read_model.postings p "
					+ "where p.ledger_id = ? and p.account_code = ? and p.status = 'posted' "
					+ "group by date_trunc('day', p.occurred_at)) d order by day", (rs, i) -> Map.of("at",
							rs.getTimestamp(1).toInstant(), "balance", Money.format(rs.getBigDecimal(2), account.currency())),
					normal, ledger.id(), code));
			return Map.of("data", points);
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
	}

	private Map<String, Object> list(UUID ledgerId, String cursor, Integer limit, String type, String currency,
			String parent, String q, String metadataKey, String metadataValue) {
		int pageSize = Pages.limit(limit);
		List<ProjectedAccount> accounts = projected.list(ledgerId,
				new ProjectedAccounts.AccountFilter(type, currency, parent, q, metadataKey, metadataValue),
				Pages.position(cursor), pageSize);
		return Pages.of(accounts, pageSize, ProjectedAccount::code);
	}

	static AccountCode validCode(String code) {
		if (!AccountCode.isValid(code)) {
			throw ApiProblem.notFound("Account '" + code + "'");
		}
		return new AccountCode(code);
	}

}
