package io.laas.events.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.laas.events.EventEnvelope;
import io.laas.events.EventType;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.Topics;

/**
 * Generates the JSON Schemas (draft 2020-12) of the contract from its records: {@code envelope.v1.schema.json} for
 * any event, and {@code <event_type>.v<schema_version>.schema.json} for one event type and version (the envelope with
 * its type, version and aggregate fixed and its payload spelled out). Every schema file is self-contained (only
 * {@code #/$defs/...} references), so any validator in any language can load it alone.
 *
 * <p>The generated text is kept in {@code src/main/resources/schemas/} and shipped in the jar under
 * {@value #RESOURCE_FOLDER}; {@code EventSchemaApprovalTest} fails if a record changes without its schema.
 */
public final class EventSchemas {

	public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	/** {@code $id} prefix: an identifier, not a URL that is served. */
	public static final String ID_BASE = "https://laas.dev/schemas/events/";

	/** Folder of the schema files on the classpath (in the jar). */
	public static final String RESOURCE_FOLDER = "schemas/";

	/** Version of the envelope; it changes only with the topic ({@link Topics#LEDGER_EVENTS}). */
	public static final int ENVELOPE_VERSION = 1;

	private static final Map<String, String> ENVELOPE_DOCS = docs(
			"event_id", "Unique per event everywhere and stable across redeliveries: deduplicate by it.",
			"event_type", "Wire name of the event type, e.g. transaction.posted.",
			"schema_version", "Version of the payload schema of this event_type.",
			"ledger_id", "The ledger the event belongs to; also the Kafka record key.",
			"sequence", "Position in the ledger's stream: 1, 2, 3, ... without gaps. (ledger_id, sequence) is unique.",
			"aggregate_type", "Kind of aggregate the event belongs to: account or transaction.",
			"aggregate_id", "Id of that aggregate.",
			"occurred_at", "Business (effective) time of the fact; may lie in the past.",
			"recorded_at", "When LaaS committed the event.",
			"payload", "The event itself; its schema depends on event_type and schema_version.");

	private static final String POSTING_DOC = "One leg of a transaction. In every list of postings debits equal credits "
			+ "per currency and there are at least two postings.";

	private static final String AMOUNT_DOC = "Positive and exact, with the currency's minor units (\"100.00\"): "
			+ "a string, never a JSON number.";

	private EventSchemas() {
	}

	public static String envelopeFileName() {
		return "envelope.v" + ENVELOPE_VERSION + ".schema.json";
	}

	public static String fileName(EventType type) {
		return type.wireName() + ".v" + type.schemaVersion() + ".schema.json";
	}

	/** The schema every event on the topic satisfies, whatever its type (the payload is only an object here). */
	public static String envelope() {
		Map<String, Object> schema = header(envelopeFileName(), "LaaS event envelope v" + ENVELOPE_VERSION,
				"Any event of the topic " + Topics.LEDGER_EVENTS + " (also the body of webhooks and of the events API). "
						+ "The payload is checked by the schema of its event_type and schema_version.");
		schema.putAll(envelopeObject(new RecordSchemas()));
		describe(properties(schema), ENVELOPE_DOCS);
		return JsonText.write(schema);
	}

	/** The schema of one event type at its current schema version: the envelope with the payload spelled out. */
	public static String of(EventType type) {
		RecordSchemas records = new RecordSchemas();
		Map<String, Object> envelope = envelopeObject(records);
		Map<String, Object> payloadRef = records.ref(type.payloadClass());
		LedgerEvent sample = (LedgerEvent) Samples.of(type.payloadClass());
		Map<String, Object> schema = header(fileName(type), "LaaS event " + type.wireName() + " v" + type.schemaVersion(),
				"One " + type.wireName() + " event, schema version " + type.schemaVersion() + ", as it travels on "
						+ Topics.LEDGER_EVENTS + ": the envelope with its payload (" + type.payloadClass().getName()
						+ ").");
		schema.putAll(envelope);
		Map<String, Object> properties = properties(schema);
		properties.put("event_type", RecordSchemas.map("type", "string", "const", type.wireName()));
		properties.put("schema_version", RecordSchemas.map("type", "integer", "const", type.schemaVersion()));
		properties.put("aggregate_type", RecordSchemas.map("type", "string", "const", sample.aggregateType()));
		properties.put("payload", payloadRef);
		describe(properties, ENVELOPE_DOCS);
		Map<String, Object> defs = records.defs();
		if (defs.get(Posting.class.getSimpleName()) instanceof Map<?, ?> posting) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("description", POSTING_DOC);
			described.putAll(cast(posting));
			describe(properties(described), Map.of("amount", AMOUNT_DOC));
			defs.put(Posting.class.getSimpleName(), described);
		}
		schema.put("$defs", defs);
		return JsonText.write(schema);
	}

	/** File name to schema text, for the envelope and every event type: what the resource folder must hold. */
	public static SortedMap<String, String> all() {
		SortedMap<String, String> all = new TreeMap<>();
		all.put(envelopeFileName(), envelope());
		for (EventType type : EventType.values()) {
			all.put(fileName(type), of(type));
		}
		return all;
	}

	/** The envelope record's object schema plus the bounds its constructor and EventType enforce. */
	private static Map<String, Object> envelopeObject(RecordSchemas records) {
		Map<String, Object> envelope = records.objectSchema(EventEnvelope.class);
		Map<String, Object> properties = properties(envelope);
		properties.put("schema_version", RecordSchemas.map("type", "integer", "minimum", 1));
		properties.put("sequence", RecordSchemas.map("type", "integer", "minimum", 1));
		return envelope;
	}

	private static Map<String, Object> header(String fileName, String title, String description) {
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("$schema", DIALECT);
		schema.put("$id", ID_BASE + fileName);
		schema.put("title", title);
		schema.put("description", description + " Generated by " + EventSchemas.class.getName() + "; do not edit.");
		return schema;
	}

	/** Puts a description first in each named property; a name that is not a property is a bug in the docs. */
	private static void describe(Map<String, Object> properties, Map<String, String> docs) {
		docs.forEach((name, text) -> {
			if (!properties.containsKey(name)) {
				throw new IllegalStateException("documented property " + name + " does not exist");
			}
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("description", text);
			described.putAll(cast(properties.get(name)));
			properties.put(name, described);
		});
	}

	private static Map<String, Object> properties(Map<String, Object> objectSchema) {
		return cast(objectSchema.get("properties"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object map) {
		return (Map<String, Object>) map;
	}

	private static Map<String, String> docs(String... namesAndTexts) {
		Map<String, String> docs = new LinkedHashMap<>();
		List<String> list = List.of(namesAndTexts);
		for (int i = 0; i < list.size(); i += 2) {
			docs.put(list.get(i), list.get(i + 1));
		}
		return docs;
	}

}
