package io.laas.events;

/** An event type or schema version this build of the contract cannot read. */
public class UnknownEventTypeException extends IllegalArgumentException {

	public UnknownEventTypeException(String what) {
		super("unknown event type or schema version: " + what);
	}

}
