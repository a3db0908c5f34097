package io.laas.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the JSON of every event type and schema version byte for byte. If one of these fails, a downstream
 * consumer would see a change: bump the schema version instead of editing an approved file. To approve a NEW
 * version, run with {@code -Dapprove=true} once and commit the file it writes.
 */
class EventContractApprovalTest {

	private static final Path APPROVED = Path.of("src/test/resources/approved");

	@ParameterizedTest
	@EnumSource(EventType.class)
	void envelopeJson_isByteForByteTheApprovedOne(EventType type) throws IOException {
		String json = EventSerde.toJson(SampleEvents.envelope(type, 7));
		Path file = APPROVED.resolve(type.wireName() + ".v" + type.schemaVersion() + ".json");
		if (Boolean.getBoolean("approve") && !Files.exists(file)) {
			Files.createDirectories(APPROVED);
			Files.writeString(file, json, StandardCharsets.UTF_8);
		}
		assertThat(file).as("approved JSON for %s v%d", type.wireName(), type.schemaVersion()).exists();
		assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void approvedJson_readsBackToTheSameEnvelope(EventType type) throws IOException {
		Path file = APPROVED.resolve(type.wireName() + ".v" + type.schemaVersion() + ".json");
		EventEnvelope read = EventSerde.fromBytes(Files.readAllBytes(file));
		assertThat(read).isEqualTo(SampleEvents.envelope(type, 7));
	}

}
