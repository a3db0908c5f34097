package io.laas.command.transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.posting.Outcome;
import io.laas.command.posting.Responder;
import io.laas.command.web.Problems;
import io.laas.command.web.RequestDigest;
import tools.jackson.databind.json.JsonMapper;

/** Independent mode of a batch: each transaction accepted or refused on its own, all in one database transaction. */
final class IndependentBatch {

	private IndependentBatch() {
	}

	static ResponseEntity<Map<String, Object>> run(LedgerCommands commands, JsonMapper json, UUID ledgerId,
			List<PostTransactionRequest> items, List<LedgerCommand.PostTransaction> itemCommands) {
		List<CommandRequest> requests = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			String key = RequestDigest.idempotencyKey(items.get(i).idempotencyKey(), null);
			Responder responder = appended -> new Responder.Answer(201,
					TransactionAnswer.of(appended, appended.events().get(appended.events().size() - 1)));
			requests.add(new CommandRequest(itemCommands.get(i), key,
					key == null ? null : RequestDigest.of(json, "POST /v1/transactions", items.get(i)), responder));
		}
		List<Outcome> outcomes = commands.executeTogether(ledgerId, requests);
		List<Map<String, Object>> results = new ArrayList<>();
		int accepted = 0;
		for (int i = 0; i < outcomes.size(); i++) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("index", i);
			Outcome outcome = outcomes.get(i);
			if (outcome instanceof Outcome.Done done) {
				result.put("status", done.status());
				result.put("transaction", json.readTree(done.bodyJson()));
				accepted++;
			}
			else {
				ProblemDetail problem = Problems.of(((Outcome.Refused) outcome).rejection());
				result.put("status", problem.getStatus());
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("type", String.valueOf(problem.getType()));
				body.put("title", problem.getTitle());
				body.put("detail", problem.getDetail());
				body.putAll(problem.getProperties());
				result.put("problem", body);
			}
			results.add(result);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("mode", "independent");
		answer.put("accepted", accepted);
		answer.put("rejected", outcomes.size() - accepted);
		answer.put("results", results);
		return ResponseEntity.ok(answer);
	}

}
