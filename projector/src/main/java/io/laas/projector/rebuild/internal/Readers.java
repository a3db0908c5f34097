package io.laas.projector.rebuild.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;

/**
 * The replay's threads: one {@link PartitionReader} per thread, each on a single-thread executor so that its Kafka
 * consumer is only ever used from that thread. Reading rounds run them in parallel and wait for all.
 */
public final class Readers implements AutoCloseable {

	private final List<PartitionReader> readers = new ArrayList<>();

	private final List<ExecutorService> threads = new ArrayList<>();

	/**
	 * @param open opens the reader of one share of the partitions (called on the reader's own thread)
	 */
	public Readers(List<TopicPartition> partitions, int consumers, Function<List<TopicPartition>, PartitionReader> open) {
		int count = Math.min(consumers, partitions.size());
		List<List<TopicPartition>> shares = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			shares.add(new ArrayList<>());
		}
		for (int i = 0; i < partitions.size(); i++) {
			shares.get(i % count).add(partitions.get(i));
		}
		for (int n = 0; n < count; n++) {
			List<TopicPartition> share = shares.get(n);
			ExecutorService thread = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable,
					"projector-replay-" + (this.threads.size() + 1)));
			this.threads.add(thread);
			this.readers.add(join(thread.submit(() -> open.apply(share))));
		}
	}

	/**
	 * Reads every share up to {@code targets}, in parallel; calls {@code tick} every {@code tickMs} meanwhile.
	 * @return whether every target was reached before {@code deadlineNanos} ({@link System#nanoTime()})
	 */
	public boolean readTo(Map<TopicPartition, Long> targets, long deadlineNanos, long tickMs, Runnable tick) {
		AtomicBoolean stop = new AtomicBoolean();
		List<Future<Boolean>> rounds = new ArrayList<>();
		for (int n = 0; n < this.readers.size(); n++) {
			PartitionReader reader = this.readers.get(n);
			rounds.add(this.threads.get(n)
				.submit(() -> reader.readTo(targets, () -> stop.get() || System.nanoTime() - deadlineNanos > 0)));
		}
		boolean reached = true;
		RuntimeException failure = null;
		for (Future<Boolean> round : rounds) {
			while (true) {
				try {
					reached &= round.get(tickMs, TimeUnit.MILLISECONDS);
					break;
				}
				catch (TimeoutException ex) {
					tick.run();
				}
				catch (ExecutionException ex) {
					stop.set(true);
					if (failure == null) {
						failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
								: new IllegalStateException(ex.getCause());
					}
					break;
				}
				catch (InterruptedException ex) {
					stop.set(true);
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while replaying", ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
		return reached;
	}

	/** Partitions stopped at a sequence gap. */
	public int heldPartitions() {
		int held = 0;
		for (int n = 0; n < this.readers.size(); n++) {
			PartitionReader reader = this.readers.get(n);
			held += join(this.threads.get(n).submit(reader::heldPartitions));
		}
		return held;
	}

	@Override
	public void close() {
		for (int n = 0; n < this.readers.size(); n++) {
			PartitionReader reader = this.readers.get(n);
			join(this.threads.get(n).submit(() -> {
				reader.close();
				return null;
			}));
		}
		this.threads.forEach(ExecutorService::shutdown);
	}

	private static <T> T join(Future<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
