package io.laas.command.transaction;

import io.laas.command.ledger.Ids;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.Pages;
import io.laas.command.web.RequestDigest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transaction lists ({@code GET /v1/transactions}) and the dashboard's transaction routes under
 * {@code /api/ledgers/{id}/transactions}: list, detail, post, and the post/void/reverse actions.
 */
@RestController
class LedgerTransactionsController {

	private static final List<String> STATUSES = List.of("posted", "pending", "voided", "expired", "reversed");

	private final ProjectedTransactions projected;

	private final Access access;

	private final LedgerCommands commands;

	private final JsonMapper json;

	LedgerTransactionsController(ProjectedTransactions projected, Access access, LedgerCommands commands,
			JsonMapper json) {
		this.projected = projected;
		this.access = access;
		this.commands = commands;
		this.json = json;
	}

	@GetMapping("/v1/transactions")
	Map<String, Object> listForKey(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String account,
			@RequestParam(required = false) String status,
			@RequestParam(name = "external_id", required = false) String externalId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(name = "metadata_key", required = false) String metadataKey,
			@RequestParam(name = "metadata_value", required = false) String metadataValue,
			HttpServletRequest request) {
		return list(ApiPrincipal.of(request).ledgerId(), cursor, limit, account, status, externalId, from, to,
				metadataKey, metadataValue);
	}

	@GetMapping("/api/ledgers/{ledgerId}/transactions")
	Map<String, Object> listForUser(@PathVariable UUID ledgerId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String account,
			@RequestParam(required = false) String status,
			@RequestParam(name = "external_id", required = false) String externalId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(name = "metadata_key", required = false) String metadataKey,
			@RequestParam(name = "metadata_value", required = false) String metadataValue,
			HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return list(ledgerId, cursor, limit, account, status, externalId, from, to,
				metadataKey, metadataValue);
	}

	@GetMapping("/api/ledgers/{ledgerId}/transactions/{id}")
	Map<String, Object> get(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		Map<String, Object> transaction = new java.util.LinkedHashMap<>(
				projected.find(ledgerId, id, null).orElseThrow(() -> ApiProblem.notFound("Transaction " + id)));
		transaction.put("history", projected.history(ledgerId, id));
		return transaction;
	}

	@PostMapping("/api/ledgers/{ledgerId}/transactions")
	ResponseEntity<String> post(@PathVariable UUID ledgerId, @RequestBody PostTransactionRequest body,
			HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		String key = RequestDigest.idempotencyKey(body.idempotencyKey(), null);
		return TransactionCommands.run(commands, json, ledgerId, body.toCommand(""), key, "POST /v1/transactions", body,
				201);
	}

	@PostMapping("/api/ledgers/{ledgerId}/transactions/{id}/{action}")
	ResponseEntity<String> act(@PathVariable UUID ledgerId, @PathVariable UUID id, @PathVariable String action,
			HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		LedgerCommand command;
		switch (action) {
			case "post":
				command = new LedgerCommand.PostPending(id, null);
				break;
			case "void":
				command = new LedgerCommand.VoidPending(id, "voided");
				break;
			case "reverse":
				command = new LedgerCommand.ReverseTransaction(Ids.next(), id, null, Map.of());
				break;
			default:
				throw ApiProblem.notFound("Action '" + action + "'");
		}
		return TransactionCommands.run(commands, json, ledgerId, command, null, null, null,
				"reverse".equals(action) ? 201 : 200);
	}

	private Map<String, Object> list(UUID ledgerId, String cursor, Integer limit, String account, String status,
			String externalId, String from, String to, String metadataKey, String metadataValue) {
		int pageSize = Pages.limit(limit);
		if (status != null && !STATUSES.contains(status)) {
			throw ApiProblem.invalid("status", "must be one of " + String.join(", ", STATUSES));
		}
		List<Map<String, Object>> rows = projected.list(ledgerId,
				new ProjectedTransactions.TransactionFilter(account, status, externalId,
						PostTransactionRequest.instant(from, "from"), PostTransactionRequest.instant(to, "to"),
						metadataKey, metadataValue),
				Pages.longPosition(cursor), pageSize);
		return Pages.of(rows, pageSize, row -> row.get("sequence"));
	}

}
