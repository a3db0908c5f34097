package io.laas.command.transaction;

import io.laas.command.ledger.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Responder;
import io.laas.command.transaction.TransactionActionRequests.BatchRequest;
import io.laas.command.transaction.TransactionActionRequests.PostPendingRequest;
import io.laas.command.transaction.TransactionActionRequests.ReverseRequest;
import io.laas.command.transaction.TransactionActionRequests.VoidRequest;
import io.laas.command.web.Answers;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestDigest;
import io.laas.command.web.RequestLimits;
import tools.jackson.databind.json.JsonMapper;

@RestController
class TransactionController {

	private static final String HEADER = "Idempotency-Key";

	private final LedgerCommands commands;

	private final ProjectedTransactions projected;

	private final JsonMapper json;

	TransactionController(LedgerCommands commands, ProjectedTransactions projected, JsonMapper json) {
		this.commands = commands;
		this.projected = projected;
		this.json = json;
	}

	@PostMapping("/v1/transactions")
	ResponseEntity<String> post(@RequestBody PostTransactionRequest body,
			@RequestHeader(name = HEADER, required = false) String header, HttpServletRequest request) {
		if (request.getAttribute(TransactionPostFastPath.FAILURE) instanceof RuntimeException failure) {
			throw failure; // the command already ran in TransactionPostFastPath and ended so: answered from here
		}
		String key = RequestDigest.idempotencyKey(body.idempotencyKey(), header);
		return run(request, body.toCommand(""), key, TransactionPostFastPath.ROUTE, body, 201);
	}

	/**
	 * Up to 1,000 transactions in one database transaction: {@code atomic} (default) applies all or none;
	 * {@code independent} applies each on its own and answers per item (items carry their own idempotency keys).
	 */
	@PostMapping("/v1/transaction-batches")
	ResponseEntity<?> batch(@RequestBody BatchRequest body,
			@RequestHeader(name = HEADER, required = false) String header, HttpServletRequest request) {
		String mode = body.mode() == null ? "atomic" : body.mode();
		List<PostTransactionRequest> items = RequestLimits.required(body.transactions(), "transactions");
		if (items.isEmpty() || items.size() > RequestLimits.TRANSACTIONS_PER_BATCH_MAX) {
			throw ApiProblem.invalid("transactions",
					"must hold 1 to " + RequestLimits.TRANSACTIONS_PER_BATCH_MAX + " transactions");
		}
		List<LedgerCommand.PostTransaction> commandsOfBatch = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i) == null) {
				throw ApiProblem.invalid("transactions[" + i + "]", "must be an object");
			}
			commandsOfBatch.add(items.get(i).toCommand("transactions[" + i + "]"));
		}
		ApiPrincipal principal = ApiPrincipal.of(request);
		if ("independent".equals(mode)) {
			if (body.idempotencyKey() != null || header != null) {
				throw ApiProblem.invalid("idempotency_key",
						"applies to atomic batches; in independent mode give each transaction its own key");
			}
			return IndependentBatch.run(commands, json, principal.ledgerId(), items, commandsOfBatch);
		}
		if (!"atomic".equals(mode)) {
			throw ApiProblem.invalid("mode", "must be 'atomic' or 'independent'");
		}
		String key = RequestDigest.idempotencyKey(body.idempotencyKey(), header);
		Responder responder = appended -> new Responder.Answer(201, Map.of("mode", "atomic", "transactions",
				appended.events().stream().map(e -> TransactionAnswer.of(appended, e)).toList()));
		return Answers.of(commands.execute(principal.ledgerId(),
				new CommandRequest(new LedgerCommand.AtomicBatch(commandsOfBatch), key,
						key == null ? null : RequestDigest.of(json, "POST /v1/transaction-batches", body), responder)));
	}

	@PostMapping("/v1/transactions/{id}/post")
	ResponseEntity<String> postPending(@PathVariable UUID id, @RequestBody(required = false) PostPendingRequest body,
			@RequestHeader(name = HEADER, required = false) String header, HttpServletRequest request) {
		PostPendingRequest checked = body == null ? new PostPendingRequest(null, null) : body;
		String key = RequestDigest.idempotencyKey(checked.idempotencyKey(), header);
		return run(request, new LedgerCommand.PostPending(id, checked.checkedAmounts()), key,
				"POST /v1/transactions/" + id + "/post", checked, 200);
	}

	@PostMapping("/v1/transactions/{id}/void")
	ResponseEntity<String> voidPending(@PathVariable UUID id, @RequestBody(required = false) VoidRequest body,
			@RequestHeader(name = HEADER, required = false) String header, HttpServletRequest request) {
		VoidRequest checked = body == null ? new VoidRequest(null) : body;
		String key = RequestDigest.idempotencyKey(checked.idempotencyKey(), header);
		return run(request, new LedgerCommand.VoidPending(id, "voided"), key, "POST /v1/transactions/" + id + "/void",
				checked, 200);
	}

	@PostMapping("/v1/transactions/{id}/reverse")
	ResponseEntity<String> reverse(@PathVariable UUID id, @RequestBody(required = false) ReverseRequest body,
			@RequestHeader(name = HEADER, required = false) String header, HttpServletRequest request) {
		ReverseRequest checked = body == null ? new ReverseRequest(null, null, null) : body;
		String key = RequestDigest.idempotencyKey(checked.idempotencyKey(), header);
		LedgerCommand command = new LedgerCommand.ReverseTransaction(Ids.next(), id,
				RequestLimits.text(checked.description(), "description", RequestLimits.DESCRIPTION_LENGTH_MAX, false),
				RequestLimits.metadata(checked.metadata(), "metadata"));
		return run(request, command, key, "POST /v1/transactions/" + id + "/reverse", checked, 201);
	}

	@GetMapping("/v1/transactions/{id}")
	Map<String, Object> get(@PathVariable UUID id,
			@RequestParam(name = "min_sequence", required = false) Long minSequence, HttpServletRequest request) {
		ApiPrincipal principal = ApiPrincipal.of(request);
		return projected.find(principal.ledgerId(), id, minSequence)
			.orElseThrow(() -> ApiProblem.notFound("Transaction " + id));
	}

	private ResponseEntity<String> run(HttpServletRequest request, LedgerCommand command, String key, String route,
			Object body, int status) {
		return TransactionCommands.run(commands, json, ApiPrincipal.of(request).ledgerId(), command, key, route, body,
				status);
	}

}
