package io.laas.events;

/** Bytes that are not a valid event of this contract: a consumer sends them to the dead-letter topic. */
public class EventReadException extends RuntimeException {

	public EventReadException(String message, Throwable cause) {
		super(message, cause);
	}

}
