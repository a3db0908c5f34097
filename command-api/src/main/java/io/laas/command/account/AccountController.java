package io.laas.command.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.LedgerView;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Outcome;
import io.laas.command.posting.Responder;
import io.laas.command.web.Answers;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestDigest;
import tools.jackson.databind.json.JsonMapper;

@RestController
class AccountController {

	private final LedgerCommands commands;

	private final ProjectedAccounts projected;

	private final JsonMapper json;

	AccountController(LedgerCommands commands, ProjectedAccounts projected, JsonMapper json) {
		this.commands = commands;
		this.projected = projected;
		this.json = json;
	}

	@PostMapping("/v1/accounts")
	ResponseEntity<String> open(@RequestBody OpenAccountRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			HttpServletRequest request) {
		ApiPrincipal principal = ApiPrincipal.of(request);
		LedgerCommand.CreateAccount command = body.toCommand();
		String key = RequestDigest.idempotencyKey(null, idempotencyKey);
		return Answers.of(commands.execute(principal.ledgerId(), new CommandRequest(command, key,
				RequestDigest.of(json, "POST /v1/accounts", body), answerWith(201, command.code()))));
	}

	@PatchMapping("/v1/accounts/{code}")
	ResponseEntity<String> update(@PathVariable String code, @RequestBody UpdateAccountRequest body,
			HttpServletRequest request) {
		ApiPrincipal principal = ApiPrincipal.of(request);
		AccountCode accountCode = accountCode(code);
		Outcome outcome = commands.execute(principal.ledgerId(),
				new CommandRequest(body.toCommand(accountCode), null, null, answerWith(200, accountCode)));
		// The account is the resource in the path: absent is a 404 (in a posting it is a 422 about the body).
		if (outcome instanceof Outcome.Refused refused
				&& refused.rejection().code() == io.laas.command.ledger.Rejection.Code.ACCOUNT_NOT_FOUND) {
			throw ApiProblem.notFound("Account '" + code + "'");
		}
		return Answers.of(outcome);
	}

	@GetMapping("/v1/accounts/{code}")
	ProjectedAccount get(@PathVariable String code,
			@RequestParam(name = "min_sequence", required = false) Long minSequence, HttpServletRequest request) {
		ApiPrincipal principal = ApiPrincipal.of(request);
		AccountCode accountCode = accountCode(code);
		if (minSequence != null) {
			projected.awaitSequence(principal.ledgerId(), minSequence);
		}
		return projected.find(principal.ledgerId(), accountCode.value())
			.orElseThrow(() -> ApiProblem.notFound("Account '" + code + "'"));
	}

	private static Responder answerWith(int status, AccountCode code) {
		return appended -> {
			LedgerView after = appended.after();
			return new Responder.Answer(status,
					AccountAnswer.of(after.account(code).orElseThrow(), appended.lastSequence()));
		};
	}

	private static AccountCode accountCode(String code) {
		if (!AccountCode.isValid(code)) {
			throw ApiProblem.notFound("Account '" + code + "'");
		}
		return new AccountCode(code);
	}

}
