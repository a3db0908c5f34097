package io.laas.command.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.laas.command.posting.Outcome;

/** Turns a command's outcome into the HTTP answer: the stored JSON as is, or the rule's problem. */
public final class Answers {

	private Answers() {
	}

	public static ResponseEntity<String> of(Outcome outcome) {
		if (outcome instanceof Outcome.Refused refused) {
			throw Problems.asException(refused.rejection());
		}
		Outcome.Done done = (Outcome.Done) outcome;
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(done.status()).contentType(MediaType.APPLICATION_JSON);
		if (done.replayed()) {
			builder.header("Idempotent-Replayed", "true");
		}
		return builder.body(done.bodyJson());
	}

}
