package io.laas.command.posting.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.posting.CommandRequest;
import io.laas.command.posting.Outcome;
import tools.jackson.databind.json.JsonMapper;

/**
 * Group commit per ledger. Each ledger has a lane: a queue and a flag saying whether a worker is draining it. A
 * worker takes up to {@code batchSizeMax} queued commands and runs them as one database transaction, so N
 * concurrent requests of a ledger cost one lock round and one commit instead of N; different ledgers run in
 * parallel on the pool. If a batch fails as a whole (a database error, not a rule), each of its commands is
 * retried alone so that one bad command cannot fail its neighbours.
 */
public final class LedgerLanes implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LedgerLanes.class);

	private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();

	private final ExecutorService workers;

	private final TransactionTemplate transactions;

	private final LedgerScope scope;

	private final BatchRun batchRun;

	private final int batchSizeMax;

	public LedgerLanes(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerScope scope, JsonMapper json,
			Clock clock, int workerCount, int batchSizeMax) {
		this.transactions = transactions;
		this.scope = scope;
		this.batchRun = new BatchRun(new LedgerRows(jdbc), json, clock);
		this.batchSizeMax = batchSizeMax;
		AtomicInteger threadNumber = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(workerCount, workerCount, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), r -> {
					Thread thread = new Thread(r, "ledger-lane-" + threadNumber.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	public CompletableFuture<Outcome> submit(UUID ledgerId, CommandRequest request) {
		return submitTogether(ledgerId, List.of(request)).thenApply(outcomes -> outcomes.get(0));
	}

	/** Commands that must share one database transaction (never split across batches), answered in order. */
	public CompletableFuture<List<Outcome>> submitTogether(UUID ledgerId, List<CommandRequest> requests) {
		Queued queued = new Queued(List.copyOf(requests), new CompletableFuture<>());
		Lane lane = lanes.computeIfAbsent(ledgerId, Lane::new);
		lane.queue.add(queued);
		lane.scheduleIfIdle();
		return queued.result;
	}

	private record Queued(List<CommandRequest> requests, CompletableFuture<List<Outcome>> result) {
	}

	private final class Lane {

		private final UUID ledgerId;

		private final Queue<Queued> queue = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean scheduled = new AtomicBoolean();

		Lane(UUID ledgerId) {
			this.ledgerId = ledgerId;
		}

		void scheduleIfIdle() {
			if (scheduled.compareAndSet(false, true)) {
				workers.execute(this::drain);
			}
		}

		private void drain() {
			try {
				List<Queued> batch = new ArrayList<>();
				int commands = 0;
				Queued next;
				while (commands < batchSizeMax && (next = queue.poll()) != null) {
					batch.add(next);
					commands += next.requests().size();
				}
				if (!batch.isEmpty()) {
					execute(ledgerId, batch);
				}
			}
			finally {
				scheduled.set(false);
				// A request queued after our last poll but before the flag cleared would otherwise wait forever.
				if (!queue.isEmpty()) {
					scheduleIfIdle();
				}
			}
		}

	}

	private void execute(UUID ledgerId, List<Queued> batch) {
		try {
			List<CommandRequest> requests = new ArrayList<>();
			batch.forEach(queued -> requests.addAll(queued.requests()));
			// One lane is one ledger: one set_config per batch, and row-level security holds the batch to it.
			List<Outcome> outcomes = transactions.execute(status -> {
				scope.enter(ledgerId);
				return batchRun.run(ledgerId, requests);
			});
			int next = 0;
			for (Queued queued : batch) {
				int size = queued.requests().size();
				queued.result().complete(List.copyOf(outcomes.subList(next, next + size)));
				next += size;
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).result().completeExceptionally(ex);
				return;
			}
			log.warn("batch of {} commands for ledger {} failed ({}); retrying them one by one", batch.size(),
					ledgerId, ex.toString());
			for (Queued queued : batch) {
				execute(ledgerId, List.of(queued));
			}
		}
	}

	@Override
	public void close() {
		workers.shutdown();
		try {
			workers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
