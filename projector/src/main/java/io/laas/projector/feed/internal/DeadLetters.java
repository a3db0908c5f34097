package io.laas.projector.feed.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records that are not valid events to the dead-letter topic, unchanged (key, value, headers) plus headers
 * saying why and where from, and waits for the broker's acknowledgement: the caller commits the source offset only
 * after that, so a record is never both skipped and lost. The producer is created on first use: most instances
 * never need one.
 */
public final class DeadLetters implements AutoCloseable {

	public static final String ERROR = "laas.error";

	public static final String ERROR_CLASS = "laas.error-class";

	public static final String ORIGINAL_TOPIC = "laas.original-topic";

	public static final String ORIGINAL_PARTITION = "laas.original-partition";

	public static final String ORIGINAL_OFFSET = "laas.original-offset";

	/** Headers are for people and tools; a 100 kB stack of Jackson context helps neither. */
	private static final int ERROR_LENGTH_MAX = 2000;

	/** Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms (30 s by default). */
	private static final int DELIVERY_TIMEOUT_MS = 60_000;

	/** A little longer than the producer's own give-up time, so its own error is the one we see. */
	private static final long SEND_TIMEOUT_MS = DELIVERY_TIMEOUT_MS + 5_000;

	private final Map<String, Object> producerProperties;

	private final String topic;

	private KafkaProducer<byte[], byte[]> producer;

	public DeadLetters(Map<String, Object> producerProperties, String topic) {
		this.producerProperties = new HashMap<>(producerProperties);
		this.producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
		// One request in flight: the dead-letter topic may be brand new, and with several in flight a first request
		// refused by a not-yet-ready partition can be overtaken and then never accepted (KAFKA-15591).
		this.producerProperties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		this.topic = topic;
	}

	/** A record that could not be read, and why. */
	public record Unreadable(ConsumerRecord<byte[], byte[]> record, Exception error) {
	}

	public void send(List<Unreadable> records) {
		if (records.isEmpty()) {
			return;
		}
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(this.producerProperties);
		}
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		for (Unreadable unreadable : records) {
			sent.add(this.producer.send(deadLetter(unreadable)));
		}
		for (Future<RecordMetadata> future : sent) {
			await(future);
		}
	}

	private ProducerRecord<byte[], byte[]> deadLetter(Unreadable unreadable) {
		ConsumerRecord<byte[], byte[]> source = unreadable.record();
		RecordHeaders headers = new RecordHeaders();
		for (Header header : source.headers()) {
			headers.add(header);
		}
		String message = String.valueOf(unreadable.error().getMessage());
		headers.add(ERROR, utf8(message.length() > ERROR_LENGTH_MAX ? message.substring(0, ERROR_LENGTH_MAX) : message));
		headers.add(ERROR_CLASS, utf8(unreadable.error().getClass().getName()));
		headers.add(ORIGINAL_TOPIC, utf8(source.topic()));
		headers.add(ORIGINAL_PARTITION, utf8(Integer.toString(source.partition())));
		headers.add(ORIGINAL_OFFSET, utf8(Long.toString(source.offset())));
		return new ProducerRecord<>(this.topic, null, source.key(), source.value(), headers);
	}

	private void await(Future<RecordMetadata> future) {
		try {
			future.get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot write to dead-letter topic " + this.topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while writing to dead-letter topic " + this.topic, ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(java.time.Duration.ofSeconds(5));
		}
	}

}
