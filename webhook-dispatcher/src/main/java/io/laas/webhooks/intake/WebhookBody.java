package io.laas.webhooks.intake;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Standard Webhooks body of an event: {@code {"type": <event_type>, "timestamp": <recorded_at, ISO-8601>,
 * "data": <the event envelope, exactly as on the topic>}}. Built once at intake; every attempt sends the same
 * bytes.
 */
public final class WebhookBody {

	private WebhookBody() {
	}

	public static String of(EventEnvelope envelope) {
		JsonMapper mapper = EventSerde.mapper();
		ObjectNode body = mapper.createObjectNode();
		body.put("type", envelope.eventType());
		body.put("timestamp", envelope.recordedAt().toString());
		body.set("data", mapper.readTree(EventSerde.toJson(envelope)));
		return mapper.writeValueAsString(body);
	}

}
