package io.laas.webhooks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.laas.webhooks.DispatcherSettings;
import io.laas.webhooks.delivery.internal.AttemptResult;
import io.laas.webhooks.delivery.internal.Claim;
import io.laas.webhooks.delivery.internal.Claims;
import io.laas.webhooks.delivery.internal.DueDeliveries;
import io.laas.webhooks.delivery.internal.HttpAttempts;
import io.laas.webhooks.delivery.internal.Settlement;
import io.laas.webhooks.intake.DeliveriesCreated;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sender: one claimer thread leases due deliveries in batches and hands each to a pool of {@code pool-size}
 * workers, which send it and pass the outcome to one recorder thread; the recorder writes the outcomes that
 * arrived meanwhile in one transaction (group commit: the database's cost per attempt no longer grows with the
 * attempts in flight). Never more than {@code per-endpoint-concurrency-max} deliveries of one endpoint are claimed
 * and not yet answered at a time, so a slow endpoint holds at most that many workers and the others keep flowing;
 * a delivery whose answer is being recorded still holds its lease and one of the instance's slots.
 *
 * <p>
 * The claimer sleeps when there is nothing to do, and wakes when intake created deliveries, when a worker frees
 * a slot, or after {@code idle-poll-ms} (retries falling due, other instances' work). Stopping lets the attempts
 * under way finish (up to the request timeout) and record their outcome; a delivery whose worker died anyway is
 * sent again when its lease ends.
 */
@Component
class DeliveryWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

	/** Stops after the Kafka intake (which stops at Integer.MAX_VALUE - 100) and before the datasource goes. */
	private static final int PHASE = Integer.MAX_VALUE - 200;

	private static final long CLAIM_FAILURE_PAUSE_MS = 1_000;

	/** Outcomes written in one transaction at most; more wait for the next one. */
	private static final int RECORD_BATCH_MAX = 256;

	private static final long RECORDER_IDLE_POLL_MS = 100;

	private final DispatcherSettings settings;

	private final DueDeliveries deliveries;

	private final HttpAttempts http;

	private final RetrySchedule schedule;

	private final Clock clock;

	private final DeliveryMetrics metrics;

	/**
	 * Claimed deliveries this instance may hold: one per worker plus as many again waiting in the pool's queue, so
	 * that the claimer can lease in batches instead of one delivery per finished attempt. Per endpoint, claimed
	 * (queued or sending) deliveries never exceed per-endpoint-concurrency-max.
	 */
	private final int slotsMax;

	/** While workers still have queued work, the claimer waits until this many slots are free. */
	private final int claimBatchMin;

	private final Semaphore slots;

	private final Semaphore wakeups = new Semaphore(0);

	/** Deliveries claimed per endpoint and not yet answered (queued for a worker or being sent). */
	private final ConcurrentHashMap<UUID, Integer> inFlight = new ConcurrentHashMap<>();

	/** Answered attempts waiting for the recorder; never more than slotsMax (each holds a slot). */
	private final BlockingQueue<DueDeliveries.Outcome> answered = new LinkedBlockingQueue<>();

	private volatile boolean running;

	/** Set once the workers are gone: the recorder writes what is left and ends. */
	private volatile boolean sendersDone;

	private Thread claimer;

	private Thread recorder;

	private ThreadPoolExecutor pool;

	DeliveryWorkers(DispatcherSettings settings, DueDeliveries deliveries, HttpAttempts http, RetrySchedule schedule,
			Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.deliveries = deliveries;
		this.http = http;
		this.schedule = schedule;
		this.clock = clock;
		this.slotsMax = 2 * settings.poolSize();
		this.claimBatchMin = Math.max(1, settings.poolSize() / 2);
		this.slots = new Semaphore(this.slotsMax);
		this.metrics = new DeliveryMetrics(meters, () -> this.slotsMax - this.slots.availablePermits());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		// After a stop that had to interrupt attempts, their slots were never given back: start from a clean slate
		// (their deliveries come back when their leases end).
		this.slots.drainPermits();
		this.slots.release(this.slotsMax);
		this.inFlight.clear();
		this.answered.clear();
		this.sendersDone = false;
		this.pool = new ThreadPoolExecutor(this.settings.poolSize(), this.settings.poolSize(), 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), named("webhook-sender-"));
		this.recorder = named("webhook-recorder-").newThread(this::recordLoop);
		this.recorder.start();
		this.claimer = named("webhook-claimer-").newThread(this::claimLoop);
		this.claimer.start();
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		wakeUp();
		long graceMs = this.settings.requestTimeoutMs() + 5_000;
		try {
			this.claimer.join(graceMs);
			this.pool.shutdown();
			if (!this.pool.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
				log.warn("webhook attempts still running after {} ms; interrupting them (their leases expire later)",
						graceMs);
				this.pool.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.pool.shutdownNow();
		}
		finally {
			// Outcomes already answered are recorded before the datasource goes.
			this.sendersDone = true;
			try {
				this.recorder.join(graceMs);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@EventListener
	void on(DeliveriesCreated created) {
		wakeUp();
	}

	void wakeUp() {
		this.wakeups.release();
	}

	private void claimLoop() {
		while (this.running) {
			try {
				boolean more = claimOnce();
				if (!more) {
					this.wakeups.tryAcquire(this.settings.idlePollMs(), TimeUnit.MILLISECONDS);
					this.wakeups.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("claiming due webhook deliveries failed; trying again in {} ms: {}", CLAIM_FAILURE_PAUSE_MS,
						ex.toString());
				try {
					this.wakeups.tryAcquire(CLAIM_FAILURE_PAUSE_MS, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * @return true if there may be more to claim right away; false when the claim took what the capacity allowed
	 * or found nothing: then only an answer (capacity freed), new deliveries or the idle poll can change that, and
	 * claiming again at once would be a wasted round trip
	 */
	private boolean claimOnce() {
		int free = this.slots.availablePermits();
		if (free == 0 || (free < this.claimBatchMin && !this.pool.getQueue().isEmpty())) {
			return false;
		}
		Claims batch = this.deliveries.claim(free, Map.copyOf(this.inFlight));
		for (Claims.Unsent unsent : batch.failedUnsent()) {
			this.metrics.finished(Settlement.FAILED, unsent.reason(), unsent.attempts());
		}
		List<Claim> claims = batch.claimed();
		for (Claim claim : claims) {
			this.slots.acquireUninterruptibly();
			this.inFlight.merge(claim.endpoint().id(), 1, Integer::sum);
			this.pool.execute(() -> attempt(claim));
		}
		return !batch.failedUnsent().isEmpty();
	}

	private void attempt(Claim claim) {
		boolean handedOver = false;
		try {
			AttemptResult result = this.http.send(claim);
			Settlement settlement = settle(claim, result.verdict(), this.clock.instant());
			this.answered.add(new DueDeliveries.Outcome(claim, result, settlement));
			handedOver = true;
		}
		catch (RuntimeException ex) {
			log.warn("delivery {} attempt {}: no outcome, it will be retried after its lease: {}", claim.deliveryId(),
					claim.attempt(), ex.toString());
		}
		finally {
			// Answered: the endpoint may take another request. The slot goes back once the outcome is recorded.
			this.inFlight.computeIfPresent(claim.endpoint().id(), (endpoint, count) -> (count > 1) ? count - 1 : null);
			if (!handedOver) {
				this.slots.release();
			}
			wakeUp();
		}
	}

	private void recordLoop() {
		List<DueDeliveries.Outcome> batch = new ArrayList<>(RECORD_BATCH_MAX);
		while (true) {
			try {
				DueDeliveries.Outcome first = this.answered.poll(RECORDER_IDLE_POLL_MS, TimeUnit.MILLISECONDS);
				if (first == null) {
					if (this.sendersDone) {
						return;
					}
					continue;
				}
				batch.add(first);
				this.answered.drainTo(batch, RECORD_BATCH_MAX - 1);
				record(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void record(List<DueDeliveries.Outcome> batch) {
		List<Boolean> settled;
		try {
			settled = this.deliveries.recordAll(batch);
		}
		catch (RuntimeException ex) {
			// recordAll reports per outcome; this is a bug, not the database being down.
			log.error("recording {} webhook attempts failed; they will be retried after their leases", batch.size(), ex);
			settled = Collections.nCopies(batch.size(), null);
		}
		for (int i = 0; i < batch.size(); i++) {
			DueDeliveries.Outcome outcome = batch.get(i);
			Boolean recorded = settled.get(i);
			try {
				if (recorded != null) {
					observe(outcome.claim(), outcome.result(), outcome.settlement(), recorded);
				}
			}
			finally {
				this.slots.release();
			}
		}
		wakeUp();
	}

	private void observe(Claim claim, AttemptResult result, Settlement settlement, boolean settled) {
		AttemptLog.attempted(claim, result, settlement, settled);
		this.metrics.attempted(result, outcomeTag(settlement));
		if (settled && !Settlement.PENDING.equals(settlement.status())) {
			this.metrics.finished(settlement.status(), result.verdict().reason(), claim.attempt());
		}
		if (!result.verdict().succeeded()) {
			log.debug("delivery {} attempt {} to {}: {} -> {}", claim.deliveryId(), claim.attempt(),
					claim.endpoint().url(), result.error(), settlement.status());
		}
	}

	/** Where a delivery stands after an attempt with this verdict. */
	Settlement settle(Claim claim, Verdict verdict, Instant now) {
		switch (verdict.kind()) {
			case SUCCEEDED:
				return new Settlement(Settlement.SUCCEEDED, null, claim.retryStep());
			case FAILED:
			case GONE:
				return new Settlement(Settlement.FAILED, null, claim.retryStep() + 1);
			default:
				int failures = claim.retryStep() + 1;
				Optional<Duration> scheduled = this.schedule.delayAfter(failures, ThreadLocalRandom.current()::nextDouble);
				if (scheduled.isEmpty()) {
					return new Settlement(Settlement.DEAD, null, failures);
				}
				Duration delay = (verdict.retryAfter() != null) ? verdict.retryAfter() : scheduled.get();
				return new Settlement(Settlement.PENDING, now.plus(delay), failures);
		}
	}

	private static String outcomeTag(Settlement settlement) {
		return Settlement.PENDING.equals(settlement.status()) ? "retry" : settlement.status();
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger number = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
