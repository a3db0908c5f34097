package io.laas.webhooks.intake;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Standard Webhooks body of an event: {@code {"type": <event_type>, "timestamp": <recorded_at, ISO-8601>,
 * "data": <the event envelope, exactly as on the topic>}}. Built once at intake; every attempt sends the same
 * bytes.
 */
public final class WebhookBody {

	private WebhookBody() {
	}

	public static String of(EventEnvelope envelope) {
		// Assembled around the envelope's own JSON rather than parsed back into a tree and written again: the
		// body is stored as jsonb (PostgreSQL normalises key order and spacing either way), and this is the
		// intake's per-event cost.
		JsonMapper mapper = EventSerde.mapper();
		String envelopeJson = EventSerde.toJson(envelope);
		String type = mapper.writeValueAsString(envelope.eventType());
		String timestamp = mapper.writeValueAsString(envelope.recordedAt().toString());
		return new StringBuilder(envelopeJson.length() + type.length() + timestamp.length() + 40).append("{\"type\":")
			.append(type)
			.append(",\"timestamp\":")
			.append(timestamp)
			.append(",\"data\":")
			.append(envelopeJson)
			.append('}')
			.toString();
	}

}
