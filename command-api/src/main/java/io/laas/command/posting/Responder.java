package io.laas.command.posting;

/** Builds the HTTP answer of an accepted command, inside its transaction, so it can be stored for replays. */
@FunctionalInterface
public interface Responder {

	/** @return the status and the body object (serialised to JSON by the caller) */
	Answer answer(Appended appended);

	record Answer(int status, Object body) {
	}

}
