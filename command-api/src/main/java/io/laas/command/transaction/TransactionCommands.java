package io.laas.command.transaction;

import java.util.UUID;

import org.springframework.http.ResponseEntity;

import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.Appended;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Responder;
import io.laas.command.web.Answers;
import io.laas.command.web.RequestDigest;
import tools.jackson.databind.json.JsonMapper;

/** Runs a transaction command for a ledger and answers with the transaction; shared by the API and dashboard routes. */
final class TransactionCommands {

	private TransactionCommands() {
	}

	static ResponseEntity<String> run(LedgerCommands commands, JsonMapper json, UUID ledgerId, LedgerCommand command,
			String key, String route, Object body, int status) {
		Responder responder = appended -> new Responder.Answer(status, TransactionAnswer.of(appended, last(appended)));
		return Answers.of(commands.execute(ledgerId,
				new CommandRequest(command, key, key == null ? null : RequestDigest.of(json, route, body), responder)));
	}

	private static Appended.Event last(Appended appended) {
		return appended.events().get(appended.events().size() - 1);
	}

}
