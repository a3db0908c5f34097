package io.laas.command.relay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.events.EventReadException;
import io.laas.events.EventSerde;
import io.laas.events.LedgerEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@code events} row, as Debezium's flattened JSON, into the envelope of the contract. The payload is
 * read back through the contract's serde, so a row that would not deserialise on the consumer side is caught here.
 */
final class EventRows {

	private static final JsonMapper plain = JsonMapper.builder().build();

	private EventRows() {
	}

	static EventEnvelope toEnvelope(String rowJson) {
		JsonNode row;
		try {
			row = plain.readTree(rowJson);
		}
		catch (RuntimeException ex) {
			throw new EventReadException("events row is not JSON: " + ex.getMessage(), ex);
		}
		try {
			String eventType = text(row, "event_type");
			int schemaVersion = row.path("schema_version").asInt();
			LedgerEvent payload = EventSerde.payloadFromJson(eventType, schemaVersion, text(row, "payload"));
			return new EventEnvelope(UUID.fromString(text(row, "id")), eventType, schemaVersion,
					UUID.fromString(text(row, "ledger_id")), row.path("sequence").asLong(), text(row, "aggregate_type"),
					text(row, "aggregate_id"), instant(text(row, "occurred_at")), instant(text(row, "recorded_at")),
					payload);
		}
		catch (EventReadException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new EventReadException("events row does not match the contract: " + ex.getMessage(), ex);
		}
	}

	/** The ledger id of a row, also for rows that do not make a valid envelope (the dead-letter key). */
	static String ledgerIdOf(String rowJson) {
		try {
			return plain.readTree(rowJson).path("ledger_id").asString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String text(JsonNode row, String field) {
		JsonNode value = row.get(field);
		if (value == null || value.isNull()) {
			throw new EventReadException("events row has no " + field, null);
		}
		return value.asString();
	}

	/** Debezium renders timestamptz as ISO-8601 with an offset (io.debezium.time.ZonedTimestamp). */
	private static Instant instant(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

}
