package io.laas.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of the contract: snake_case names, ISO-8601 instants, amounts as decimal strings, map entries
 * sorted by key, nulls written out. Every module and downstream Java consumer uses this class, so the bytes the
 * relay publishes are the bytes a consumer parses.
 */
public final class EventSerde {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private EventSerde() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** The payload alone, as stored in the {@code events.payload} column. */
	public static String payloadToJson(LedgerEvent payload) {
		return MAPPER.writeValueAsString(payload);
	}

	/**
	 * Reads a payload of the given wire type and schema version.
	 * @throws EventReadException if the JSON does not match the contract
	 */
	public static LedgerEvent payloadFromJson(String eventType, int schemaVersion, String json) {
		EventType type = EventType.ofWireName(eventType);
		if (type.schemaVersion() != schemaVersion) {
			throw new UnknownEventTypeException(eventType + " v" + schemaVersion);
		}
		try {
			return MAPPER.readValue(json, type.payloadClass());
		}
		catch (JacksonException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
			throw new EventReadException("cannot read " + eventType + " v" + schemaVersion + ": " + e.getMessage(), e);
		}
	}

	public static byte[] toBytes(EventEnvelope envelope) {
		return toJson(envelope).getBytes(StandardCharsets.UTF_8);
	}

	public static String toJson(EventEnvelope envelope) {
		return MAPPER.writeValueAsString(envelope);
	}

	/**
	 * Reads an envelope and its typed payload.
	 * @throws EventReadException if the bytes are not a valid event of this contract
	 */
	public static EventEnvelope fromBytes(byte[] bytes) {
		try {
			JsonNode root = MAPPER.readTree(bytes);
			if (root == null || !root.isObject()) {
				throw new EventReadException("event is not a JSON object", null);
			}
			ObjectNode node = (ObjectNode) root;
			String eventType = text(node, "event_type");
			int schemaVersion = required(node, "schema_version").asInt();
			LedgerEvent payload = payloadFromJson(eventType, schemaVersion, MAPPER.writeValueAsString(required(node, "payload")));
			return new EventEnvelope(UUID.fromString(text(node, "event_id")), eventType, schemaVersion,
					UUID.fromString(text(node, "ledger_id")), required(node, "sequence").asLong(),
					text(node, "aggregate_type"), text(node, "aggregate_id"), Instant.parse(text(node, "occurred_at")),
					Instant.parse(text(node, "recorded_at")), payload);
		}
		catch (EventReadException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw new EventReadException("cannot read event: " + e.getMessage(), e);
		}
	}

	private static JsonNode required(ObjectNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new EventReadException("event has no " + field, null);
		}
		return value;
	}

	private static String text(ObjectNode node, String field) {
		return required(node, field).asString();
	}

}
