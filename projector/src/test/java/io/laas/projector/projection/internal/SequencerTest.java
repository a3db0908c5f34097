package io.laas.projector.projection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.laas.events.AccountCreated;
import io.laas.events.EventEnvelope;
import io.laas.projector.projection.Delivered;
import io.laas.projector.projection.Halt;

/** The per-ledger ordering rules, without a database or a broker. */
class SequencerTest {

	private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");

	private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

	@Test
	void nextSequences_areApplied_inOrder() {
		Plan plan = Sequencer.plan(List.of(at(0, 0, A, 1), at(0, 1, B, 1), at(0, 2, A, 2)), Map.of());
		assertThat(plan.toApply()).extracting(Delivered::offset).containsExactly(0L, 1L, 2L);
		assertThat(plan.halts()).isEmpty();
		assertThat(plan.stopOffsets()).isEmpty();
	}

	@Test
	void sequencesAtOrBelowTheLastApplied_areDuplicates_evenWithinOneBatch() {
		Plan plan = Sequencer.plan(List.of(at(0, 0, A, 4), at(0, 1, A, 5), at(0, 2, A, 5), at(0, 3, A, 6)),
				Map.of(A, 4L));
		assertThat(plan.toApply()).extracting(Delivered::offset).containsExactly(1L, 3L);
		assertThat(plan.duplicates()).isEqualTo(2);
	}

	@Test
	void gap_haltsTheLedger_andStopsItsPartitionAtTheGap_butNotOtherPartitions() {
		Plan plan = Sequencer.plan(List.of(at(3, 10, A, 1), at(3, 11, B, 1), at(3, 12, A, 3), at(3, 13, B, 2),
				at(5, 7, UUID.randomUUID(), 1)), Map.of());
		assertThat(plan.toApply()).extracting(Delivered::offset).containsExactly(10L, 11L, 7L);
		assertThat(plan.halts()).singleElement().satisfies((halt) -> {
			assertThat(halt.ledgerId()).isEqualTo(A);
			assertThat(halt.expectedSequence()).isEqualTo(2);
			assertThat(halt.foundSequence()).isEqualTo(3);
			assertThat(halt.offset()).isEqualTo(12);
		});
		assertThat(plan.stopOffsets()).isEqualTo(Map.of(3, 12L));
	}

	@Test
	void ledgerSpreadOverTwoPartitions_isHeldInBothAfterItsGap() {
		Plan plan = Sequencer.plan(List.of(at(1, 0, A, 2), at(2, 0, B, 1), at(2, 1, A, 3)), Map.of());
		assertThat(plan.halts()).extracting((h) -> h.ledgerId()).containsExactly(A);
		assertThat(plan.stopOffsets()).isEqualTo(Map.of(1, 0L, 2, 1L));
		assertThat(plan.toApply()).extracting(Delivered::partition).containsExactly(2);
	}

	@Test
	void refusedRecord_haltsItsLedgerThere_likeAGap_andStopsOnlyItsPartition() {
		Delivered refused = at(3, 11, A, 2);
		Halt halt = Halt.unwritable(refused, "22008 ERROR: date/time field value out of range");
		Plan plan = Sequencer.plan(List.of(at(3, 10, A, 1), refused, at(3, 12, B, 1), at(3, 13, A, 3),
				at(5, 7, B, 1)), Map.of(), List.of(halt));
		assertThat(plan.toApply()).extracting(Delivered::offset).containsExactly(10L, 7L);
		assertThat(plan.halts()).containsExactly(halt);
		assertThat(plan.stopOffsets()).isEqualTo(Map.of(3, 11L));
		assertThat(halt.reason()).contains(refused.event().eventId().toString(), "sequence 2", "offset 11", "22008");
	}

	@Test
	void refusedRecord_alreadyApplied_isADuplicate_notAHalt() {
		Delivered refused = at(0, 4, A, 2);
		Plan plan = Sequencer.plan(List.of(refused), Map.of(A, 2L), List.of(Halt.unwritable(refused, "refused")));
		assertThat(plan.halts()).isEmpty();
		assertThat(plan.duplicates()).isEqualTo(1);
	}

	private static Delivered at(int partition, long offset, UUID ledger, long sequence) {
		UUID account = UUID.randomUUID();
		return new Delivered(partition, offset, EventEnvelope.of(UUID.randomUUID(), ledger, sequence,
				Instant.EPOCH, Instant.EPOCH, new AccountCreated(account, "a" + account, null, "asset", "USD", null,
						null, null)));
	}

}
