package io.laas.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as every consumer sees it: on the Kafka topic (value), in webhook bodies ({@code data}) and on the
 * events API. {@code (ledger_id, sequence)} is gap-free and unique per ledger; {@code event_id} is unique
 * everywhere. Both are stable across redeliveries, so either one deduplicates.
 *
 * @param occurredAt the business (effective) time of the fact, may lie in the past
 * @param recordedAt when LaaS committed it
 */
public record EventEnvelope(UUID eventId, String eventType, int schemaVersion, UUID ledgerId, long sequence,
		String aggregateType, String aggregateId, Instant occurredAt, Instant recordedAt, LedgerEvent payload) {

	public EventEnvelope {
		Objects.requireNonNull(eventId, "event_id");
		Objects.requireNonNull(eventType, "event_type");
		Objects.requireNonNull(ledgerId, "ledger_id");
		Objects.requireNonNull(aggregateType, "aggregate_type");
		Objects.requireNonNull(aggregateId, "aggregate_id");
		Objects.requireNonNull(occurredAt, "occurred_at");
		Objects.requireNonNull(recordedAt, "recorded_at");
		Objects.requireNonNull(payload, "payload");
		if (sequence < 1) {
			throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
		}
		EventType type = payload.eventType();
		if (!type.wireName().equals(eventType) || type.schemaVersion() != schemaVersion) {
			throw new IllegalArgumentException("envelope says " + eventType + " v" + schemaVersion + " but payload is "
					+ type.wireName() + " v" + type.schemaVersion());
		}
	}

	/** Builds an envelope whose type, version and aggregate come from the payload itself. */
	public static EventEnvelope of(UUID eventId, UUID ledgerId, long sequence, Instant occurredAt, Instant recordedAt,
			LedgerEvent payload) {
		EventType type = payload.eventType();
		return new EventEnvelope(eventId, type.wireName(), type.schemaVersion(), ledgerId, sequence,
				payload.aggregateType(), payload.aggregateId(), occurredAt, recordedAt, payload);
	}

}
