package io.laas.projector.projection;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.laas.events.EventEnvelope;
import io.laas.projector.projection.internal.Changes;
import io.laas.projector.projection.internal.Plan;
import io.laas.projector.projection.internal.Progress;
import io.laas.projector.projection.internal.ReadModelWriter;
import io.laas.projector.projection.internal.Refusal;
import io.laas.projector.projection.internal.Sequencer;

/**
 * Applies a batch of delivered events to the read model in ONE database transaction: lock and read the touched
 * ledgers' progress, decide per ledger what is next in sequence ({@link Sequencer}), fold those events into one
 * write per table ({@link Changes}), write them and the new progress, commit. Either the whole batch is in the
 * read model with its progress, or none of it is, so the caller may retry any batch any number of times.
 *
 * <p>A record that is next in sequence but that the database refuses to store (see {@link Refusal}: a timestamp in
 * year 0, a number out of range) does not fail the batch: it halts its ledger there, like a gap, and everything
 * before it is applied. Retried later (the feed holds the partition), it halts again until a projector that can
 * write it is deployed.
 */
@Component
public class Projection {

	private final TransactionTemplate transactions;

	private final Progress progress;

	private final ReadModelWriter writer;

	public Projection(PlatformTransactionManager transactionManager, Progress progress, ReadModelWriter writer) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.progress = progress;
		this.writer = writer;
	}

	/**
	 * The same projection, writing the read model in another schema and without the swap guard: how a replay builds
	 * the read model it swaps in.
	 */
	public static Projection into(String schema, PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
		return new Projection(transactionManager, new Progress(jdbc, schema, false), new ReadModelWriter(jdbc, schema));
	}

	public BatchOutcome apply(List<Delivered> batch) {
		if (batch.isEmpty()) {
			return BatchOutcome.EMPTY;
		}
		return this.transactions.execute((status) -> applyInTransaction(batch, status));
	}

	/**
	 * Writes the batch under a savepoint. If the database refuses it for what a record says ({@link Refusal}), the
	 * savepoint is rolled back, the first record that cannot be written is found ({@link #firstRefused}) and
	 * becomes a halt of its ledger, and the batch is planned and written again without it and without what must
	 * wait behind it; this repeats for each refused record (at most one per ledger and partition of the batch).
	 * Any other failure ends the transaction and the caller retries the whole batch.
	 */
	private BatchOutcome applyInTransaction(List<Delivered> batch, TransactionStatus status) {
		List<UUID> ledgers = batch.stream()
			.map((delivered) -> delivered.event().ledgerId())
			.distinct()
			.sorted(Comparator.naturalOrder())
			.toList();
		Map<UUID, Long> lastSequences = this.progress.lockAndLoad(ledgers);
		List<Halt> refused = new ArrayList<>();
		while (true) {
			if (refused.size() > batch.size()) {
				throw new IllegalStateException("more refused records than records in a batch of " + batch.size());
			}
			Plan plan = Sequencer.plan(batch, lastSequences, refused);
			Object savepoint = status.createSavepoint();
			RuntimeException failure;
			try {
				Changes changes = write(plan.toApply(), plan.halts());
				status.releaseSavepoint(savepoint);
				return outcome(plan, changes);
			}
			catch (RuntimeException ex) {
				if (Refusal.of(ex).isEmpty()) {
					throw ex;
				}
				failure = ex;
			}
			status.rollbackToSavepoint(savepoint);
			status.releaseSavepoint(savepoint);
			refused.add(firstRefused(plan, failure, status));
		}
	}

	/**
	 * Bisects the plan's records for the shortest prefix the database refuses, each probe under a savepoint that is
	 * rolled back: the last record of that prefix is the one that cannot be written. Its halt carries the refusal
	 * of that prefix. About log2(records) probes, only when a write was refused.
	 */
	private Halt firstRefused(Plan plan, RuntimeException refusalOfAll, TransactionStatus status) {
		List<Delivered> records = plan.toApply();
		if (records.isEmpty()) {
			// Refused with no record to blame (progress alone): nothing to halt, so the batch fails as a whole.
			throw refusalOfAll;
		}
		int writable = 0;
		int refused = records.size();
		RuntimeException refusal = refusalOfAll;
		while (refused - writable > 1) {
			int middle = (writable + refused) >>> 1;
			RuntimeException failure = probe(records.subList(0, middle), plan.halts(), status);
			if (failure == null) {
				writable = middle;
			}
			else {
				refused = middle;
				refusal = failure;
			}
		}
		SQLException cause = Refusal.of(refusal).orElseThrow();
		return Halt.unwritable(records.get(refused - 1), cause.getSQLState() + " " + cause.getMessage());
	}

	/** Writes {@code records} under a savepoint and rolls it back: null if the database took them, else its refusal. */
	private RuntimeException probe(List<Delivered> records, List<Halt> halts, TransactionStatus status) {
		Object savepoint = status.createSavepoint();
		try {
			write(records, halts);
			return null;
		}
		catch (RuntimeException ex) {
			if (Refusal.of(ex).isEmpty()) {
				throw ex;
			}
			return ex;
		}
		finally {
			status.rollbackToSavepoint(savepoint);
			status.releaseSavepoint(savepoint);
		}
	}

	private Changes write(List<Delivered> records, List<Halt> halts) {
		Changes changes = new Changes();
		for (Delivered delivered : records) {
			changes.apply(delivered.event());
		}
		this.writer.write(changes);
		this.progress.save(changes, halts);
		return changes;
	}

	private static BatchOutcome outcome(Plan plan, Changes changes) {
		Instant lastRecordedAt = null;
		List<EventEnvelope> applied = new ArrayList<>(plan.toApply().size());
		for (Delivered delivered : plan.toApply()) {
			lastRecordedAt = delivered.event().recordedAt();
			applied.add(delivered.event());
		}
		return new BatchOutcome(changes.events(), plan.duplicates(), plan.halts(), plan.stopOffsets(), lastRecordedAt,
				applied);
	}

}
