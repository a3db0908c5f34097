package io.laas.projector.rebuild.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.laas.events.EventSerde;
import io.laas.projector.projection.BatchOutcome;
import io.laas.projector.projection.Delivered;
import io.laas.projector.projection.Halt;
import io.laas.projector.projection.Projection;

/**
 * One replay thread's share of the topic: a consumer with its partitions assigned by hand (no group, nothing
 * committed: the rebuilt read model's {@code ledger_progress} is the only position that matters), read from the
 * first offset and applied with the live projector's {@link Projection}. Used by one thread at a time.
 *
 * <p>As in the live feed: a batch is one database transaction; an unreadable record is skipped (the live projector
 * already dead-lettered it); a ledger that meets a sequence gap halts, and its partition stops at the gap for good,
 * exactly where the live projector's partition is held.
 */
public final class PartitionReader implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PartitionReader.class);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final String topic;

	private final Projection projection;

	private final Counters counters;

	private final long pollTimeoutMs;

	private final int batchAttemptsMax;

	private final long retryBackoffMs;

	/** Partitions stopped at a gap, at the gap's offset. */
	private final Map<TopicPartition, Long> heldAt = new HashMap<>();

	/** Shared by the readers of one replay, read by the progress printer. */
	public record Counters(AtomicLong records, AtomicLong applied, AtomicLong duplicates, AtomicLong unreadable,
			AtomicLong halts) {

		public Counters() {
			this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
		}

	}

	public PartitionReader(Map<String, Object> consumerProperties, List<TopicPartition> partitions,
			Projection projection, Counters counters, long pollTimeoutMs, int batchAttemptsMax, long retryBackoffMs) {
		if (partitions.isEmpty()) {
			throw new IllegalArgumentException("a reader needs at least one partition");
		}
		this.consumer = new KafkaConsumer<>(consumerProperties);
		this.topic = partitions.get(0).topic();
		this.projection = projection;
		this.counters = counters;
		this.pollTimeoutMs = pollTimeoutMs;
		this.batchAttemptsMax = batchAttemptsMax;
		this.retryBackoffMs = retryBackoffMs;
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/**
	 * Reads and applies until every partition has reached its target offset (or is held at a gap), or until
	 * {@code giveUp} says so between two batches.
	 * @return whether every target was reached
	 */
	public boolean readTo(Map<TopicPartition, Long> targets, BooleanSupplier giveUp) {
		while (!reached(targets)) {
			if (giveUp.getAsBoolean()) {
				return false;
			}
			ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ofMillis(this.pollTimeoutMs));
			if (!records.isEmpty()) {
				handle(records);
			}
		}
		return true;
	}

	/** Ledgers of this reader's partitions that are held at a gap. */
	public int heldPartitions() {
		return this.heldAt.size();
	}

	private boolean reached(Map<TopicPartition, Long> targets) {
		for (TopicPartition partition : this.consumer.assignment()) {
			if (!this.heldAt.containsKey(partition) && this.consumer.position(partition) < targets.getOrDefault(partition, 0L)) {
				return false;
			}
		}
		return true;
	}

	private void handle(ConsumerRecords<byte[], byte[]> records) {
		List<Delivered> events = new ArrayList<>(records.count());
		int unreadable = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				events.add(new Delivered(record.partition(), record.offset(), EventSerde.fromBytes(record.value())));
			}
			catch (RuntimeException ex) {
				unreadable++;
			}
		}
		BatchOutcome outcome = applyWithRetries(events);
		this.counters.records().addAndGet(records.count());
		this.counters.applied().addAndGet(outcome.applied());
		this.counters.duplicates().addAndGet(outcome.duplicates());
		this.counters.unreadable().addAndGet(unreadable);
		outcome.stopOffsets().forEach((partitionNumber, offset) -> {
			TopicPartition partition = new TopicPartition(this.topic, partitionNumber);
			this.consumer.seek(partition, offset);
			this.consumer.pause(List.of(partition));
			this.heldAt.put(partition, offset);
		});
		for (Halt halt : outcome.halts()) {
			this.counters.halts().incrementAndGet();
			log.warn("Replay: ledger {} halts at a gap ({}); partition {} stops at offset {}, as in the live read model",
					halt.ledgerId(), halt.reason(), halt.partition(), halt.offset());
		}
	}

	/** A failed batch (database unavailable, a broken invariant) is tried again a few times, then fails the replay. */
	private BatchOutcome applyWithRetries(List<Delivered> events) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.projection.apply(events);
			}
			catch (RuntimeException ex) {
				if (attempt >= this.batchAttemptsMax) {
					throw new IllegalStateException("a batch of " + events.size() + " events failed " + attempt
							+ " times; the replay stops (the live read model is untouched)", ex);
				}
				log.warn("Replay: a batch of {} events failed (attempt {} of {}); trying again in {} ms: {}",
						events.size(), attempt, this.batchAttemptsMax, this.retryBackoffMs, ex.toString());
				try {
					Thread.sleep(this.retryBackoffMs);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while retrying a batch", interrupted);
				}
			}
		}
	}

	@Override
	public void close() {
		this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
	}

}
