package io.laas.events.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.laas.events.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every JSON Schema file byte for byte to what {@link EventSchemas} generates from the records, so a change to
 * a record cannot reach a consumer without a schema change in the same commit. If one of these fails for an
 * existing version, a consumer would see a change: bump the schema version instead. To approve a NEW file (a new
 * event type or version), run with {@code -Dapprove=true} once and commit the file it writes. For a deliberate
 * change that no consumer can notice (a description), delete the file and approve again; the diff shows in review.
 */
class EventSchemaApprovalTest {

	private static final Path SCHEMAS = Path.of("src/main/resources/schemas");

	static Stream<String> schemaFiles() {
		return EventSchemas.all().keySet().stream();
	}

	@ParameterizedTest
	@MethodSource("schemaFiles")
	void schemaFile_isByteForByteTheGeneratedOne(String fileName) throws IOException {
		String generated = EventSchemas.all().get(fileName);
		Path file = SCHEMAS.resolve(fileName);
		if (Boolean.getBoolean("approve") && !Files.exists(file)) {
			Files.createDirectories(SCHEMAS);
			Files.writeString(file, generated, StandardCharsets.UTF_8);
		}
		assertThat(file).as("schema file %s (approve a new one with -Dapprove=true)", fileName).exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as("%s no longer matches the records: a consumer would see a change", fileName)
			.isEqualTo(generated);
	}

	@ParameterizedTest
	@MethodSource("schemaFiles")
	void schemaFile_isShippedInTheJar(String fileName) throws IOException {
		try (InputStream shipped = getClass().getClassLoader()
			.getResourceAsStream(EventSchemas.RESOURCE_FOLDER + fileName)) {
			assertThat(shipped).as("classpath resource %s%s", EventSchemas.RESOURCE_FOLDER, fileName).isNotNull();
			assertThat(new String(shipped.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(EventSchemas.all().get(fileName));
		}
	}

	@Test
	void thereIsOneSchemaPerEventTypeAndVersion_plusTheEnvelope() {
		assertThat(EventSchemas.all()).hasSize(EventType.values().length + 1)
			.containsKey("envelope.v1.schema.json")
			.containsKey("transaction.posted.v1.schema.json")
			.containsKey("transaction.posted_from_pending.v1.schema.json");
	}

	@Test
	void generation_isDeterministic() {
		assertThat(EventSchemas.all()).isEqualTo(EventSchemas.all());
	}

}
