package io.laas.webhooks.intake;

import java.util.ArrayList;
import java.util.List;

import io.laas.events.EventEnvelope;
import io.laas.events.EventReadException;
import io.laas.events.EventSerde;
import io.laas.events.Topics;
import io.laas.webhooks.intake.internal.Subscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the ledger events topic. Per poll, one database transaction inserts a delivery for every event and
 * every enabled endpoint of the event's ledger whose type filter matches; the Kafka offsets are committed after
 * that transaction (ack mode BATCH: when this method has returned). A record read twice finds its deliveries
 * already there ({@code on conflict do nothing}), so redelivery from Kafka is harmless.
 *
 * <p>
 * A record that is not a valid event of the contract is logged and skipped: the projector sends such records to
 * the dead-letter topic, and a second copy there would help nobody. A database failure throws, and the container's
 * error handler retries the same poll until it succeeds ({@link IntakeErrorHandling}).
 */
@Component
public class EventIntake {

	private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

	private final Subscriptions subscriptions;

	private final ApplicationEventPublisher publisher;

	private final Counter eventsRead;

	private final Counter recordsSkipped;

	private final Counter deliveriesCreated;

	EventIntake(Subscriptions subscriptions, ApplicationEventPublisher publisher, MeterRegistry meters) {
		this.subscriptions = subscriptions;
		this.publisher = publisher;
		this.eventsRead = Counter.builder("laas.webhooks.intake.events")
			.description("Ledger events read from the topic")
			.register(meters);
		this.recordsSkipped = Counter.builder("laas.webhooks.intake.skipped")
			.description("Records skipped because they are not valid events of the contract")
			.register(meters);
		this.deliveriesCreated = Counter.builder("laas.webhooks.intake.deliveries")
			.description("Deliveries created (one per event and subscribed endpoint)")
			.register(meters);
	}

	@KafkaListener(topics = "${laas.events.topic:" + Topics.LEDGER_EVENTS + "}",
			groupId = "${laas.webhooks.group-id:laas-webhook-dispatcher}", batch = "true")
	public void onPoll(List<ConsumerRecord<String, byte[]>> records) {
		List<EventEnvelope> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			EventEnvelope event = read(record);
			if (event != null) {
				events.add(event);
			}
		}
		int created = this.subscriptions.createDeliveries(events);
		this.eventsRead.increment(events.size());
		this.deliveriesCreated.increment(created);
		if (created > 0) {
			this.publisher.publishEvent(new DeliveriesCreated(created));
		}
	}

	private EventEnvelope read(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			skip(record, "no value");
			return null;
		}
		EventEnvelope event;
		try {
			event = EventSerde.fromBytes(record.value());
		}
		catch (EventReadException ex) {
			skip(record, ex.getMessage());
			return null;
		}
		if (record.key() != null && !record.key().equals(event.ledgerId().toString())) {
			// Per-ledger order rests on the key; a mismatch is a producer bug worth seeing, not a reason to drop.
			log.warn("record {}-{}@{} is keyed {} but belongs to ledger {}", record.topic(), record.partition(),
					record.offset(), record.key(), event.ledgerId());
		}
		return event;
	}

	private void skip(ConsumerRecord<String, byte[]> record, String reason) {
		this.recordsSkipped.increment();
		log.warn("skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
	}

}
