package io.laas.events;

import java.util.Arrays;

/**
 * Wire names and current schema versions of every event. A change that a consumer could notice is a new schema
 * version (and a new approved JSON file in the tests), never an edit of an existing one.
 */
public enum EventType {

	ACCOUNT_CREATED("account.created", 1, AccountCreated.class),
	ACCOUNT_UPDATED("account.updated", 1, AccountUpdated.class),
	TRANSACTION_POSTED("transaction.posted", 1, TransactionPosted.class),
	TRANSACTION_PENDING("transaction.pending", 1, TransactionPending.class),
	TRANSACTION_POSTED_FROM_PENDING("transaction.posted_from_pending", 1, TransactionPostedFromPending.class),
	TRANSACTION_VOIDED("transaction.voided", 1, TransactionVoided.class),
	TRANSACTION_REVERSED("transaction.reversed", 1, TransactionReversed.class);

	private final String wireName;

	private final int schemaVersion;

	private final Class<? extends LedgerEvent> payloadClass;

	EventType(String wireName, int schemaVersion, Class<? extends LedgerEvent> payloadClass) {
		this.wireName = wireName;
		this.schemaVersion = schemaVersion;
		this.payloadClass = payloadClass;
	}

	public String wireName() {
		return wireName;
	}

	public int schemaVersion() {
		return schemaVersion;
	}

	public Class<? extends LedgerEvent> payloadClass() {
		return payloadClass;
	}

	public static EventType of(Class<?> payloadClass) {
		return Arrays.stream(values())
			.filter(t -> t.payloadClass == payloadClass)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadClass));
	}

	/** @throws UnknownEventTypeException for a name this version of the contract does not know */
	public static EventType ofWireName(String wireName) {
		return Arrays.stream(values())
			.filter(t -> t.wireName.equals(wireName))
			.findFirst()
			.orElseThrow(() -> new UnknownEventTypeException(wireName));
	}

}
