package io.laas.events;

/**
 * The payload of one event in a ledger's stream. Every event type is a record in this sealed hierarchy, with its
 * wire type and schema version in {@link EventType}. Past-tense names: these are facts that happened.
 */
public sealed interface LedgerEvent permits AccountCreated, AccountUpdated, TransactionPosted, TransactionPending,
		TransactionPostedFromPending, TransactionVoided, TransactionReversed {

	/** The aggregate the event belongs to, e.g. "account" or "transaction". */
	String aggregateType();

	/** The id of that aggregate, as a string. */
	String aggregateId();

	default EventType eventType() {
		return EventType.of(getClass());
	}

}
