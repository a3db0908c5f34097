package io.laas.events;

/**
 * Kafka topic names of the LaaS contract. The version is part of the name: a breaking change to the envelope
 * gets a new topic, never a silent change to this one.
 */
public final class Topics {

	/** Every event of every ledger, keyed by ledger id, in per-ledger sequence order. Never compacted. */
	public static final String LEDGER_EVENTS = "laas.ledger-events.v1";

	/** Appended to a topic name for its dead-letter topic. */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	/** Records that a consumer of {@link #LEDGER_EVENTS} could not read, with the error in the headers. */
	public static final String LEDGER_EVENTS_DLT = LEDGER_EVENTS + DEAD_LETTER_SUFFIX;

	private Topics() {
	}

}
