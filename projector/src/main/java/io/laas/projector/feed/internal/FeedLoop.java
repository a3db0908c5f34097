package io.laas.projector.feed.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.laas.events.EventSerde;
import io.laas.projector.feed.internal.DeadLetters.Unreadable;
import io.laas.projector.metrics.ProjectorMetrics;
import io.laas.projector.projection.BatchOutcome;
import io.laas.projector.projection.Delivered;
import io.laas.projector.projection.Halt;
import io.laas.projector.projection.Projection;

/**
 * The consumer thread. Each poll is one batch: read every record (unreadable ones are dead-lettered), apply the
 * readable ones in one database transaction, then commit exactly the offsets that transaction accounts for. A
 * crash between the database commit and the offset commit only causes redelivery, which the projection skips as
 * duplicates. A partition whose ledger halted (at a gap, or at a record the database refuses to store) is committed
 * up to that record, rewound there and paused, and looked at again every {@code haltRetryMs}, with one ERROR line
 * each time; the other partitions go on. A batch that fails otherwise (database down, ...) is read again after
 * {@code errorBackoffMs}.
 */
public final class FeedLoop implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(FeedLoop.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, Object> consumerProperties;

	private final DeadLetters deadLetters;

	private final Projection projection;

	private final ProjectorMetrics.Consumer metrics;

	private final Options options;

	private final Clock clock;

	/** Partitions already sent back to offset 0 by a rebuild; a partition is rewound once per rebuild. */
	private final Set<TopicPartition> rewound;

	private final Map<TopicPartition, HeldPartition> held = new HashMap<>();

	/** Guards {@link #running} and {@link #handling}, and is what a back-off waits on. */
	private final Object lock = new Object();

	private boolean running = true;

	/** True while a batch is between poll and offset commit: stopping then lets it finish instead of waking it. */
	private boolean handling;

	private volatile KafkaConsumer<byte[], byte[]> consumer;

	private volatile Throwable failure;

	/**
	 * @param fromBeginning rewind every partition to its first offset when it is first assigned (a rebuild)
	 */
	public record Options(String topic, long pollTimeoutMs, long haltRetryMs, long errorBackoffMs,
			boolean fromBeginning) {
	}

	/**
	 * @param rewound shared by the loops of one application: which partitions a rebuild has already rewound
	 */
	public FeedLoop(Map<String, Object> consumerProperties, DeadLetters deadLetters, Projection projection,
			ProjectorMetrics.Consumer metrics, Options options, Set<TopicPartition> rewound, Clock clock) {
		this.consumerProperties = consumerProperties;
		this.deadLetters = deadLetters;
		this.projection = projection;
		this.metrics = metrics;
		this.options = options;
		this.rewound = rewound;
		this.clock = clock;
	}

	@Override
	public void run() {
		KafkaConsumer<byte[], byte[]> kafka = null;
		AutoCloseable clientMetrics = null;
		try {
			kafka = new KafkaConsumer<>(this.consumerProperties);
			this.consumer = kafka;
			clientMetrics = this.metrics.watch(kafka);
			kafka.subscribe(List.of(this.options.topic()), new Rebalance(kafka));
			while (isRunning()) {
				retryHeld(kafka);
				ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(this.options.pollTimeoutMs()));
				if (records.isEmpty()) {
					this.metrics.caughtUp();
					continue;
				}
				if (!startHandling()) {
					break;
				}
				try {
					handle(kafka, records);
				}
				catch (WakeupException | InterruptException ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					// The offsets were not committed; whatever the database did commit is skipped as duplicates.
					log.error("Batch of {} records failed; reading it again in {} ms", records.count(),
							this.options.errorBackoffMs(), ex);
					rewind(kafka, records);
					backOff();
				}
				finally {
					endHandling();
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke a blocking call: a normal shutdown.
		}
		catch (RuntimeException | Error ex) {
			this.failure = ex;
			log.error("Projector feed stopped on an unexpected error", ex);
		}
		finally {
			closeQuietly(clientMetrics);
			if (kafka != null) {
				kafka.close(CloseOptions.timeout(CLOSE_TIMEOUT));
			}
			this.deadLetters.close();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			log.warn("Could not unregister the Kafka client meters", ex);
		}
	}

	/** Asks the loop to end after the batch in progress, if any; returns at once. */
	public void stop() {
		synchronized (this.lock) {
			this.running = false;
			KafkaConsumer<byte[], byte[]> kafka = this.consumer;
			if (kafka != null && !this.handling) {
				kafka.wakeup();
			}
			this.lock.notifyAll();
		}
	}

	/** The error that ended the loop, or {@code null}. */
	public Throwable failure() {
		return this.failure;
	}

	private boolean isRunning() {
		synchronized (this.lock) {
			return this.running;
		}
	}

	private boolean startHandling() {
		synchronized (this.lock) {
			this.handling = this.running;
			return this.running;
		}
	}

	private void endHandling() {
		synchronized (this.lock) {
			this.handling = false;
		}
	}

	private void handle(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
		long startNanos = System.nanoTime();
		List<Delivered> events = new ArrayList<>(records.count());
		List<Unreadable> unreadable = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				events.add(new Delivered(record.partition(), record.offset(), EventSerde.fromBytes(record.value())));
			}
			catch (RuntimeException ex) {
				unreadable.add(new Unreadable(record, ex));
			}
		}
		BatchOutcome outcome = this.projection.apply(events);
		List<Unreadable> deadLettered = unreadable.stream().filter((u) -> isBeforeStop(outcome, u.record())).toList();
		this.deadLetters.send(deadLettered);
		for (Unreadable u : deadLettered) {
			log.warn("Unreadable record at {}-{} offset {} sent to the dead-letter topic: {}", u.record().topic(),
					u.record().partition(), u.record().offset(), u.error().getMessage());
		}
		// The batch is in the database from here on: count it, whatever happens to the offset commit.
		this.metrics.applied(outcome.applied(), outcome.lastRecordedAt());
		this.metrics.duplicates(outcome.duplicates());
		this.metrics.deadLettered(deadLettered.size());
		this.metrics.batches().record(Duration.ofNanos(System.nanoTime() - startNanos));
		try {
			kafka.commitSync(offsetsToCommit(records, outcome));
		}
		catch (org.apache.kafka.clients.consumer.CommitFailedException
				| org.apache.kafka.common.errors.RebalanceInProgressException ex) {
			// A rebalance took the partitions away between our DB commit and the offset commit. Nothing is lost:
			// whoever owns them next re-reads these records and skips them as duplicates by sequence.
			log.warn("Offset commit lost to a rebalance ({}); the next owner re-reads {} applied records as duplicates",
					ex.getClass().getSimpleName(), records.count());
			AppliedLog.committed(outcome, records.count(), records.partitions().toString());
			return;
		}
		AppliedLog.committed(outcome, records.count(), records.partitions().toString());
		hold(kafka, outcome);
	}

	private static boolean isBeforeStop(BatchOutcome outcome, ConsumerRecord<?, ?> record) {
		Long stop = outcome.stopOffsets().get(record.partition());
		return stop == null || record.offset() < stop;
	}

	/** Per partition: the first offset not accounted for (the stop of a halt, else just past the batch). */
	private static Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(ConsumerRecords<byte[], byte[]> records,
			BatchOutcome outcome) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
			Long stop = outcome.stopOffsets().get(partition.partition());
			long next = (stop != null) ? stop : inPartition.get(inPartition.size() - 1).offset() + 1;
			offsets.put(partition, new OffsetAndMetadata(next));
		}
		return offsets;
	}

	private void hold(KafkaConsumer<byte[], byte[]> kafka, BatchOutcome outcome) {
		if (outcome.stopOffsets().isEmpty()) {
			return;
		}
		long now = this.clock.millis();
		outcome.stopOffsets().forEach((partitionNumber, offset) -> {
			TopicPartition partition = new TopicPartition(this.options.topic(), partitionNumber);
			Set<UUID> ledgers = new HashSet<>();
			for (Halt halt : outcome.halts()) {
				if (halt.partition() == partitionNumber) {
					ledgers.add(halt.ledgerId());
					log.error("Ledger {} HALTED: {}. Partition {} is paused at offset {} (committed up to there); "
							+ "other partitions go on. The read model of this ledger stays at sequence {}.",
							halt.ledgerId(), halt.reason(), partition, offset, halt.expectedSequence() - 1);
				}
			}
			kafka.seek(partition, offset);
			kafka.pause(List.of(partition));
			this.held.put(partition, new HeldPartition(offset, ledgers, now));
		});
		publishHeld();
	}

	/** After {@code haltRetryMs}, looks at a held partition again: if the gap or refusal is still there it halts again. */
	private void retryHeld(KafkaConsumer<byte[], byte[]> kafka) {
		if (this.held.isEmpty()) {
			return;
		}
		long now = this.clock.millis();
		List<TopicPartition> due = new ArrayList<>();
		this.held.forEach((partition, hold) -> {
			if (now - hold.sinceMs() >= this.options.haltRetryMs()) {
				due.add(partition);
			}
		});
		for (TopicPartition partition : due) {
			HeldPartition hold = this.held.remove(partition);
			if (kafka.assignment().contains(partition)) {
				log.info("Looking again at {} held at offset {} for ledgers {}", partition, hold.offset(),
						hold.ledgers());
				kafka.seek(partition, hold.offset());
				kafka.resume(List.of(partition));
			}
		}
		publishHeld();
	}

	private void publishHeld() {
		Set<UUID> ledgers = new HashSet<>();
		this.held.values().forEach((hold) -> ledgers.addAll(hold.ledgers()));
		this.metrics.haltedLedgers(ledgers.size());
	}

	/** After a failed batch: read it again from its first record, in every partition still ours. */
	private void rewind(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
		Set<TopicPartition> assigned = kafka.assignment();
		for (TopicPartition partition : records.partitions()) {
			if (assigned.contains(partition)) {
				kafka.seek(partition, records.records(partition).get(0).offset());
			}
		}
	}

	private void backOff() {
		synchronized (this.lock) {
			if (this.running) {
				try {
					this.lock.wait(this.options.errorBackoffMs());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.running = false;
				}
			}
		}
	}

	/** Runs inside poll(), on this thread. Nothing is in flight then: every batch commits before the next poll. */
	private final class Rebalance implements ConsumerRebalanceListener {

		private final KafkaConsumer<byte[], byte[]> kafka;

		Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
			this.kafka = kafka;
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			log.info("Assigned {}", partitions);
			if (!FeedLoop.this.options.fromBeginning()) {
				return;
			}
			List<TopicPartition> fresh = partitions.stream().filter(FeedLoop.this.rewound::add).toList();
			if (!fresh.isEmpty()) {
				log.info("Rebuild: reading {} from the beginning", fresh);
				this.kafka.seekToBeginning(fresh);
			}
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			if (!partitions.isEmpty()) {
				log.info("Revoked {}", partitions);
			}
			forget(partitions);
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			log.warn("Lost {}", partitions);
			forget(partitions);
		}

		private void forget(Collection<TopicPartition> partitions) {
			partitions.forEach(FeedLoop.this.held::remove);
			publishHeld();
		}

	}

}
