package io.laas.projector.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.laas.events.EventEnvelope;
import io.laas.projector.projection.internal.Changes;
import io.laas.projector.projection.internal.Plan;
import io.laas.projector.projection.internal.Progress;
import io.laas.projector.projection.internal.ReadModelWriter;
import io.laas.projector.projection.internal.Sequencer;

/**
 * Applies a batch of delivered events to the read model in ONE database transaction: lock and read the touched
 * ledgers' progress, decide per ledger what is next in sequence ({@link Sequencer}), fold those events into one
 * write per table ({@link Changes}), write them and the new progress, commit. Either the whole batch is in the
 * read model with its progress, or none of it is, so the caller may retry any batch any number of times.
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
		return this.transactions.execute((status) -> applyInTransaction(batch));
	}

	private BatchOutcome applyInTransaction(List<Delivered> batch) {
		List<UUID> ledgers = batch.stream()
			.map((delivered) -> delivered.event().ledgerId())
			.distinct()
			.sorted(Comparator.naturalOrder())
			.toList();
		Map<UUID, Long> lastSequences = this.progress.lockAndLoad(ledgers);
		Plan plan = Sequencer.plan(batch, lastSequences);
		Changes changes = new Changes();
		Instant lastRecordedAt = null;
		List<EventEnvelope> applied = new ArrayList<>(plan.toApply().size());
		for (Delivered delivered : plan.toApply()) {
			changes.apply(delivered.event());
			lastRecordedAt = delivered.event().recordedAt();
			applied.add(delivered.event());
		}
		this.writer.write(changes);
		this.progress.save(changes, plan.halts());
		return new BatchOutcome(changes.events(), plan.duplicates(), plan.halts(), plan.stopOffsets(), lastRecordedAt,
				applied);
	}

}
