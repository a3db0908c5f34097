package io.laas.webhooks.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.laas.events.AccountCreated;
import io.laas.events.Direction;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.Posting;
import io.laas.events.TransactionPosted;
import io.laas.infra.KafkaTopics;
import io.laas.infra.TestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds contract events and publishes them to a real topic, keyed by ledger id like the relay does. */
public final class Events implements AutoCloseable {

	private static final long SEND_TIMEOUT_MS = 30_000;

	private final String topic;

	private final KafkaProducer<String, byte[]> producer;

	private Events(String topic) {
		this.topic = topic;
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** Creates a new topic (3 partitions) and a producer for it. */
	public static Events onNewTopic(String prefix) {
		String topic = prefix + "-" + UUID.randomUUID();
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 3, (short) 1, Map.of());
		return new Events(topic);
	}

	public String topic() {
		return this.topic;
	}

	public static EventEnvelope accountCreated(UUID ledgerId, long sequence) {
		UUID account = UUID.randomUUID();
		return EventEnvelope.of(UUID.randomUUID(), ledgerId, sequence, Instant.now(), Instant.now(),
				new AccountCreated(account, "acc-" + sequence, "Account " + sequence, "asset", "EUR", null, List.of(),
						Map.of("k", "v")));
	}

	public static EventEnvelope transactionPosted(UUID ledgerId, long sequence) {
		Posting debit = new Posting(UUID.randomUUID(), "cash", Direction.DEBIT, new BigDecimal("10.00"), "EUR");
		Posting credit = new Posting(UUID.randomUUID(), "revenue", Direction.CREDIT, new BigDecimal("10.00"), "EUR");
		return EventEnvelope.of(UUID.randomUUID(), ledgerId, sequence, Instant.now(), Instant.now(),
				new TransactionPosted(UUID.randomUUID(), "ext-" + sequence, "sale", Map.of(), List.of(debit, credit)));
	}

	/** Publishes and waits for the broker's acknowledgement. */
	public void publish(EventEnvelope event) {
		publishRaw(event.ledgerId().toString(), EventSerde.toBytes(event));
	}

	public void publishRaw(String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(this.topic, key, value)).get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not publish to " + this.topic, ex);
		}
	}

	/** Publishes many without waiting for each, then waits for all. */
	public void publishAll(List<EventEnvelope> events) {
		List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
		for (EventEnvelope event : events) {
			sent.add(this.producer
				.send(new ProducerRecord<>(this.topic, event.ledgerId().toString(), EventSerde.toBytes(event))));
		}
		for (java.util.concurrent.Future<?> future : sent) {
			try {
				future.get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("could not publish to " + this.topic, ex);
			}
		}
	}

	@Override
	public void close() {
		this.producer.close(java.time.Duration.ofSeconds(10));
	}

}
