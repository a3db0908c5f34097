package io.laas.command.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.laas.events.EventEnvelope;
import io.laas.events.EventReadException;
import io.laas.events.EventSerde;
import io.laas.events.Topics;

/**
 * Runs the CDC relay under Spring's lifecycle. A leader thread loops: take the Postgres advisory lock of the slot
 * (only one instance in the deployment holds it), run the Debezium engine until it stops or fails, release the
 * lock, retry. Each batch of rows is sent to Kafka and every acknowledgement awaited before Debezium may store
 * the batch's offset: a crash re-sends (consumers deduplicate by event id or sequence), it never skips.
 */
@Component
public class EventRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

	private final RelaySettings settings;

	private final String jdbcUrl;

	private final String user;

	private final String password;

	private final String bootstrapServers;

	private final AtomicReference<DebeziumEngine<ChangeEvent<String, String>>> engine = new AtomicReference<>();

	private final AtomicLong lastRecordedAtMs = new AtomicLong();

	private final Counter published;

	private final Counter deadLettered;

	private volatile boolean running;

	private volatile boolean leader;

	private volatile RelayState state = RelayState.of(RelayState.Phase.STARTING);

	private Thread thread;

	public EventRelay(RelaySettings settings, DataSourceProperties dataSource, KafkaProperties kafka,
			MeterRegistry meters) {
		this.settings = settings;
		this.jdbcUrl = dataSource.determineUrl();
		this.user = dataSource.determineUsername();
		this.password = dataSource.determinePassword();
		this.bootstrapServers = String.join(",", kafka.getBootstrapServers());
		this.published = Counter.builder("laas.relay.events.published").register(meters);
		this.deadLettered = Counter.builder("laas.relay.events.dead_lettered").register(meters);
		Gauge.builder("laas.relay.leader", () -> leader ? 1 : 0).register(meters);
		Gauge.builder("laas.relay.lag.ms", () -> {
			long last = lastRecordedAtMs.get();
			return last == 0 ? 0 : Math.max(0, System.currentTimeMillis() - last);
		}).description("now minus recorded_at of the last published event").register(meters);
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			log.info("CDC relay disabled (laas.relay.enabled=false)");
			state = RelayState.of(RelayState.Phase.DISABLED);
			return;
		}
		running = true;
		thread = new Thread(this::leadWhilePossible, "laas-relay-leader");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		state = RelayState.of(settings.enabled() ? RelayState.Phase.STOPPED : RelayState.Phase.DISABLED);
		DebeziumEngine<ChangeEvent<String, String>> current = engine.get();
		if (current != null) {
			try {
				current.close();
			}
			catch (Exception ex) {
				log.warn("closing the Debezium engine failed", ex);
			}
		}
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(15));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops early, starts late: after the web server is up, before the datasource goes away on shutdown. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

	public boolean isLeader() {
		return leader;
	}

	/** What the leader loop is doing now (health: {@link RelayHealth}). */
	RelayState state() {
		return state;
	}

	/** The recorded_at of the last published event, in epoch ms; 0 before the first. */
	long lastRecordedAtMs() {
		return lastRecordedAtMs.get();
	}

	private void leadWhilePossible() {
		while (running) {
			try (Connection lockConnection = DriverManager.getConnection(jdbcUrl, user, password)) {
				if (tryLock(lockConnection)) {
					leader = true;
					log.info("CDC relay: leader for slot {}", settings.slotName());
					SlotCheck.refuseIfEventsWouldBeSkipped(lockConnection, settings.slotName());
					runEngine();
					if (running) {
						state = state.next(RelayState.Phase.FAILED, "the Debezium engine stopped on its own");
					}
				}
				else {
					state = state.next(RelayState.Phase.STANDBY, null);
				}
			}
			catch (RelayRefusedException ex) {
				log.error("CDC relay refuses to start: {}", ex.getMessage());
				state = state.next(RelayState.Phase.REFUSED, ex.getMessage());
			}
			catch (Exception ex) {
				if (running) {
					log.warn("CDC relay stopped: {}; retrying in {} ms", ex.toString(), settings.leaderRetryMs());
					state = state.next(RelayState.Phase.FAILED, ex.toString());
				}
			}
			finally {
				leader = false;
			}
			pause(settings.leaderRetryMs());
		}
	}

	private boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
			lock.setString(1, "laas-relay:" + settings.slotName());
			try (ResultSet rs = lock.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private void runEngine() throws Exception {
		Properties producerConfig = new Properties();
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				new ByteArraySerializer())) {
			awaitPartitionLeaders(producer);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			DebeziumEngine<ChangeEvent<String, String>> built = DebeziumEngine.create(Json.class)
				.using(EngineProperties.of(settings, jdbcUrl, user, password))
				.notifying((records, committer) -> publish(producer, records, committer))
				.using((success, message, error) -> {
					if (!success) {
						failure.set(error != null ? error : new IllegalStateException(message));
					}
				})
				.using(new DebeziumEngine.ConnectorCallback() {
					@Override
					public void pollingStarted() {
						state = state.next(RelayState.Phase.STREAMING, null);
					}
				})
				.build();
			engine.set(built);
			try {
				if (running) {
					built.run();
				}
			}
			finally {
				engine.set(null);
				built.close();
			}
			if (failure.get() != null) {
				throw new IllegalStateException("Debezium engine failed: " + failure.get().getMessage(), failure.get());
			}
		}
	}

	/**
	 * An idempotent producer sending to a topic whose partitions have no leader yet can lose its sequence state
	 * (KAFKA-15591); right after the topic was created, wait until every partition has one.
	 */
	private void awaitPartitionLeaders(KafkaProducer<String, byte[]> producer) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (running && System.nanoTime() < deadline) {
			boolean ready = producer.partitionsFor(settings.topic()).stream().allMatch(p -> p.leader() != null);
			if (ready) {
				return;
			}
			pause(100);
		}
	}

	private void publish(KafkaProducer<String, byte[]> producer, List<ChangeEvent<String, String>> records,
			DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
		List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
		long newestRecordedAt = 0;
		for (ChangeEvent<String, String> record : records) {
			String row = record.value();
			if (row == null || !isEventsRow(record)) {
				continue; // heartbeats and tombstones carry no event
			}
			try {
				EventEnvelope envelope = EventRows.toEnvelope(row);
				sent.add(producer.send(new ProducerRecord<>(settings.topic(), envelope.ledgerId().toString(),
						EventSerde.toBytes(envelope))));
				newestRecordedAt = Math.max(newestRecordedAt, envelope.recordedAt().toEpochMilli());
			}
			catch (EventReadException ex) {
				log.error("events row does not match the contract; sent to the dead-letter topic: {}", ex.getMessage());
				ProducerRecord<String, byte[]> dead = new ProducerRecord<>(settings.topic() + Topics.DEAD_LETTER_SUFFIX,
						EventRows.ledgerIdOf(row), row.getBytes(StandardCharsets.UTF_8));
				dead.headers().add("laas.error", String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8));
				sent.add(producer.send(dead));
				deadLettered.increment();
			}
		}
		for (Future<RecordMetadata> future : sent) {
			awaitAcknowledgement(future);
		}
		// Only now, with every record acknowledged by all in-sync replicas, may Debezium store the position.
		for (ChangeEvent<String, String> record : records) {
			committer.markProcessed(record);
		}
		committer.markBatchFinished();
		published.increment(sent.size());
		if (newestRecordedAt > 0) {
			lastRecordedAtMs.set(newestRecordedAt);
		}
	}

	private static boolean isEventsRow(ChangeEvent<String, String> record) {
		String destination = record.destination();
		return destination == null || destination.endsWith(".public.events");
	}

	private static void awaitAcknowledgement(Future<RecordMetadata> future) throws InterruptedException {
		try {
			future.get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			// Fails the batch: nothing is marked processed, the engine stops and the leader loop restarts it from
			// the last stored offset, so the batch is sent again.
			throw new IllegalStateException("Kafka did not acknowledge an event: " + ex.getCause(), ex.getCause());
		}
	}

	private void pause(long millis) {
		try {
			Thread.sleep(Duration.ofMillis(millis).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

}
