package io.laas.events.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped schemas, checked by an independent validator (networknt json-schema-validator, format assertions on):
 * every approved event JSON is valid against its own schema and the envelope's, and the schemas reject what the
 * contract forbids, so they are not vacuous. Jackson 2 here is the validator's, in test scope only.
 */
class EventSchemaValidationTest {

	private static final Path APPROVED = Path.of("src/test/resources/approved");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	/** Every approved file, {@code <event_type>.v<version>.json}, including versions no longer current. */
	static Stream<String> approvedFiles() throws IOException {
		try (Stream<Path> files = Files.list(APPROVED)) {
			return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
		}
	}

	@Test
	void everyEventTypeHasAnApprovedFile() throws IOException {
		assertThat(approvedFiles()).hasSizeGreaterThanOrEqualTo(EventType.values().length);
	}

	@ParameterizedTest
	@MethodSource("approvedFiles")
	void approvedEvent_isValidAgainstTheSchemaOfItsTypeAndVersion(String approvedFile) throws IOException {
		String schemaFile = approvedFile.replaceFirst("\\.json$", ".schema.json");
		JsonNode event = read(Files.readString(APPROVED.resolve(approvedFile), StandardCharsets.UTF_8));
		assertThat(schemaFile).isEqualTo(event.get("event_type").asText() + ".v" + event.get("schema_version").asInt()
				+ ".schema.json");
		assertThat(errors(schema(schemaFile), event)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("approvedFiles")
	void approvedEvent_isValidAgainstTheEnvelopeSchema(String approvedFile) throws IOException {
		JsonNode event = read(Files.readString(APPROVED.resolve(approvedFile), StandardCharsets.UTF_8));
		assertThat(errors(schema(EventSchemas.envelopeFileName()), event)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("io.laas.events.schema.EventSchemaApprovalTest#schemaFiles")
	void schemaFile_isAValidDraft202012Schema(String fileName) {
		JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(EventSchemas.DIALECT), CONFIG);
		assertThat(errors(metaSchema, read(shipped(fileName)))).isEmpty();
	}

	@Test
	void anotherEventType_isRejected() {
		assertThat(errors(schema("account.created.v1.schema.json"), approved(EventType.TRANSACTION_POSTED)))
			.anyMatch(e -> e.contains("event_type"));
	}

	@Test
	void amountAsAJsonNumber_isRejected() {
		assertRejected(EventType.TRANSACTION_POSTED, "\"amount\":\"100.00\"", "\"amount\":100.00", "amount");
	}

	@Test
	void amountWithSignOrExponentOrLeadingZero_isRejected() {
		assertRejected(EventType.TRANSACTION_POSTED, "\"amount\":\"100.00\"", "\"amount\":\"-100.00\"", "amount");
		assertRejected(EventType.TRANSACTION_POSTED, "\"amount\":\"100.00\"", "\"amount\":\"1E+2\"", "amount");
		assertRejected(EventType.TRANSACTION_POSTED, "\"amount\":\"100.00\"", "\"amount\":\"0100.00\"", "amount");
	}

	@Test
	void directionOtherThanTheWireValues_isRejected() {
		assertRejected(EventType.TRANSACTION_POSTED, "\"direction\":\"debit\"", "\"direction\":\"DEBIT\"", "direction");
	}

	@Test
	void unknownPropertyInPayloadOrEnvelope_isRejected() {
		assertRejected(EventType.ACCOUNT_UPDATED, "\"payload\":{", "\"payload\":{\"colour\":\"red\",", "colour");
		assertRejected(EventType.ACCOUNT_UPDATED, "\"sequence\":7", "\"sequence\":7,\"colour\":\"red\"", "colour");
	}

	@Test
	void missingProperty_isRejected_evenANullableOne() {
		assertRejected(EventType.TRANSACTION_POSTED, "\"description\":\"Sale\",", "", "description");
		assertRejected(EventType.ACCOUNT_CREATED, "\"parent_code\":null,", "", "parent_code");
	}

	@Test
	void nullForAComponentTheRecordRequires_isRejected() {
		assertRejected(EventType.TRANSACTION_POSTED, "\"transaction_id\":\"33333333-3333-4333-8333-333333333333\"",
				"\"transaction_id\":null", "transaction_id");
		// AccountCreated turns a null list into an empty one, so null never travels: the schema says array.
		assertRejected(EventType.ACCOUNT_CREATED, "\"flags\":[\"debits_must_not_exceed_credits\"]", "\"flags\":null",
				"flags");
	}

	@Test
	void nullForAComponentTheRecordAllows_isAccepted_andReadBack() {
		String json = mutate(EventType.TRANSACTION_PENDING, "\"expires_at\":\"2026-11-25T10:00:00Z\"",
				"\"expires_at\":null");
		assertThat(errors(schema(EventSchemas.fileName(EventType.TRANSACTION_PENDING)), read(json))).isEmpty();
		EventEnvelope read = EventSerde.fromBytes(json.getBytes(StandardCharsets.UTF_8));
		assertThat(read.sequence()).isEqualTo(7);
	}

	@Test
	void sequenceBelowOne_isRejected_byBothSchemas() {
		String json = mutate(EventType.ACCOUNT_UPDATED, "\"sequence\":7", "\"sequence\":0");
		assertThat(errors(schema(EventSchemas.fileName(EventType.ACCOUNT_UPDATED)), read(json)))
			.anyMatch(e -> e.contains("sequence"));
		assertThat(errors(schema(EventSchemas.envelopeFileName()), read(json))).anyMatch(e -> e.contains("sequence"));
	}

	@Test
	void malformedUuidOrTimestamp_isRejected() {
		assertRejected(EventType.ACCOUNT_UPDATED, "\"event_id\":\"e5f1add8-56b5-3078-8775-385a03dea99b\"",
				"\"event_id\":\"e5f1add8\"", "event_id");
		assertRejected(EventType.ACCOUNT_UPDATED, "\"occurred_at\":\"2026-11-24T10:15:30.123456Z\"",
				"\"occurred_at\":\"yesterday\"", "occurred_at");
	}

	private static void assertRejected(EventType type, String from, String to, String expectedInError) {
		String json = mutate(type, from, to);
		assertThat(errors(schema(EventSchemas.fileName(type)), read(json))).as("errors for %s", json)
			.anyMatch(e -> e.contains(expectedInError));
	}

	private static String mutate(EventType type, String from, String to) {
		String json = approvedText(type);
		assertThat(json).as("approved %s", type.wireName()).contains(from);
		return json.replace(from, to);
	}

	private static Set<String> errors(JsonSchema schema, JsonNode instance) {
		return schema.validate(instance).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
	}

	private static JsonSchema schema(String fileName) {
		return FACTORY.getSchema(read(shipped(fileName)), CONFIG);
	}

	private static String shipped(String fileName) {
		try (InputStream in = EventSchemaValidationTest.class.getClassLoader()
			.getResourceAsStream(EventSchemas.RESOURCE_FOLDER + fileName)) {
			assertThat(in).as("shipped schema %s", fileName).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode approved(EventType type) {
		return read(approvedText(type));
	}

	private static String approvedText(EventType type) {
		try {
			return Files.readString(APPROVED.resolve(type.wireName() + ".v" + type.schemaVersion() + ".json"),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
