package io.laas.projector.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.TestInfra;

/** Publishes events as the relay does: key = ledger id, value = {@link EventSerde} bytes, acks=all, idempotent. */
public final class Publisher implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final String topic;

	public Publisher(String topic) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// One request in flight per partition: with more, a produce to a just-created partition can fail with
		// NOT_LEADER_OR_FOLLOWER, a later request land first, and the first spin on OUT_OF_ORDER_SEQUENCE_NUMBER until
		// it expires (KAFKA-15591), losing records despite idempotence. Seen in this suite.
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		this.producer = new KafkaProducer<>(config);
		this.topic = topic;
	}

	/** Sends one event and waits for the broker: returns where it landed. */
	public RecordMetadata send(EventEnvelope event) {
		return sendRaw(event.ledgerId().toString(), EventSerde.toBytes(event));
	}

	public RecordMetadata sendRaw(String key, byte[] value) {
		try {
			return this.producer.send(new ProducerRecord<>(this.topic, key, value)).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("send failed", ex);
		}
	}

	/** Sends all, in order, and waits for every acknowledgement. */
	public void sendAll(List<EventEnvelope> events) {
		List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
		for (EventEnvelope event : events) {
			sent.add(this.producer.send(new ProducerRecord<>(this.topic, event.ledgerId().toString(),
					EventSerde.toBytes(event))));
		}
		this.producer.flush();
		for (Future<RecordMetadata> future : sent) {
			try {
				future.get(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("send failed", ex);
			}
		}
	}

	/** Round-robin over the ledgers, each ledger's events in sequence order: how a busy relay interleaves them. */
	public static List<EventEnvelope> interleave(List<LedgerScript> ledgers) {
		List<EventEnvelope> all = new ArrayList<>();
		List<Iterator<EventEnvelope>> cursors = new ArrayList<>();
		ledgers.forEach((ledger) -> cursors.add(ledger.events().iterator()));
		boolean more = true;
		while (more) {
			more = false;
			for (Iterator<EventEnvelope> cursor : cursors) {
				if (cursor.hasNext()) {
					all.add(cursor.next());
					more = true;
				}
			}
		}
		return all;
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
