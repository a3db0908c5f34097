package io.laas.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.ReadModelDb;

/**
 * {@link Projection#apply} with records the database refuses, without a broker: the refused record halts its
 * ledger and stops its partition there, every record before it and every other partition is applied in the same
 * transaction, and applying the same batch again (the feed's retry) applies nothing twice.
 */
@ExtendWith(InfraExtension.class)
class UnwritableRecordProjectionTest {

	private static final Instant YEAR_ZERO = Instant.parse("0000-01-01T00:00:00Z");

	private static ConfigurableApplicationContext projector;

	private static Projection projection;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(Projectors.uniqueTopic("refused"), "refused-" + UUID.randomUUID(),
				"--laas.projector.enabled=false");
		projection = projector.getBean(Projection.class);
	}

	@AfterAll
	static void stop() {
		projector.close();
	}

	@Test
	void refusedRecords_haltTheirLedgers_whileEverythingBeforeThemAndOtherPartitionsAreApplied_once() {
		LedgerScript a = opened();
		LedgerScript b = opened();
		LedgerScript c = opened();
		LedgerScript d = opened();
		List<Delivered> batch = new ArrayList<>();
		// Partition 0: A1, B1, A2 (refused), B2, A3. Partition 1: C1 (refused), C2. Partition 2: D1, D2.
		batch.add(new Delivered(0, 100, a.events().get(0)));
		batch.add(new Delivered(0, 101, b.events().get(0)));
		batch.add(new Delivered(0, 102, yearZero(a.events().get(1))));
		batch.add(new Delivered(0, 103, b.events().get(1)));
		batch.add(new Delivered(0, 104, a.events().get(2)));
		batch.add(new Delivered(1, 50, yearZero(c.events().get(0))));
		batch.add(new Delivered(1, 51, c.events().get(1)));
		batch.add(new Delivered(2, 7, d.events().get(0)));
		batch.add(new Delivered(2, 8, d.events().get(1)));

		BatchOutcome outcome = projection.apply(batch);

		assertThat(outcome.applied()).isEqualTo(4);
		assertThat(outcome.appliedEvents()).extracting(EventEnvelope::ledgerId)
			.containsExactly(a.ledgerId(), b.ledgerId(), d.ledgerId(), d.ledgerId());
		assertThat(outcome.stopOffsets()).isEqualTo(Map.of(0, 102L, 1, 50L));
		assertThat(outcome.halts()).extracting(Halt::ledgerId).containsExactlyInAnyOrder(a.ledgerId(), c.ledgerId());
		Halt haltOfA = outcome.halts().stream().filter((h) -> h.ledgerId().equals(a.ledgerId())).findFirst().orElseThrow();
		assertThat(haltOfA.foundSequence()).isEqualTo(2);
		assertThat(haltOfA.expectedSequence()).isEqualTo(2);
		assertThat(haltOfA.reason()).contains(a.events().get(1).eventId().toString(), "sequence 2", "22008");

		assertProgress(a, 1L, 2L);
		assertProgress(c, 0L, 1L);
		assertProgress(b, 1L, null);
		assertProgress(d, 2L, null);

		// The feed retries a held partition from its stop; a redelivery of the whole batch changes nothing.
		BatchOutcome again = projection.apply(batch);
		assertThat(again.applied()).isZero();
		assertThat(again.duplicates()).isEqualTo(4);
		assertThat(again.stopOffsets()).isEqualTo(Map.of(0, 102L, 1, 50L));
		assertThat(this.db.count("select count(*) from read_model.accounts where ledger_id = any(?::uuid[])",
				(Object) new String[] { a.ledgerId().toString(), b.ledgerId().toString(), c.ledgerId().toString(),
						d.ledgerId().toString() }))
			.isEqualTo(4);
		assertProgress(a, 1L, 2L);
		assertProgress(d, 2L, null);
	}

	private void assertProgress(LedgerScript ledger, Long lastSequence, Long haltedSequence) {
		Map<String, Object> row = this.db.row("select last_sequence, halted_sequence, halted_reason "
				+ "from read_model.ledger_progress where ledger_id = ?", ledger.ledgerId());
		assertThat(row.get("last_sequence")).as("last_sequence of %s", ledger.ledgerId()).isEqualTo(lastSequence);
		assertThat(row.get("halted_sequence")).as("halted_sequence of %s", ledger.ledgerId()).isEqualTo(haltedSequence);
		if (haltedSequence != null) {
			assertThat((String) row.get("halted_reason")).contains("out of range");
		}
	}

	private static LedgerScript opened() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		ledger.post(UUID.randomUUID(), "cash", "sales", "1.00");
		return ledger;
	}

	private static EventEnvelope yearZero(EventEnvelope event) {
		return new EventEnvelope(event.eventId(), event.eventType(), event.schemaVersion(), event.ledgerId(),
				event.sequence(), event.aggregateType(), event.aggregateId(), event.occurredAt(), YEAR_ZERO,
				event.payload());
	}

}
