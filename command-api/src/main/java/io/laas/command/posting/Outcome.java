package io.laas.command.posting;

import io.laas.command.ledger.Rejection;

/** How a command ended: an answer (new or replayed), or a rule's refusal (nothing written). */
public sealed interface Outcome {

	record Done(int status, String bodyJson, boolean replayed) implements Outcome {
	}

	record Refused(Rejection rejection) implements Outcome {
	}

}
