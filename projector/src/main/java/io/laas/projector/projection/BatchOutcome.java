package io.laas.projector.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.laas.events.EventEnvelope;

/**
 * What one batch did.
 *
 * @param stopOffsets per partition, the offset of the first record that was not applied because of a halt (in
 * that partition or, for a ledger spread over partitions, in another); the stream must resume there. Partitions
 * without an entry were consumed to the end of the batch.
 * @param lastRecordedAt {@code recorded_at} of the last applied event, or {@code null} if none was applied
 * @param appliedEvents the events applied, in the order applied (for the log line that joins events to batches)
 */
public record BatchOutcome(int applied, int duplicates, List<Halt> halts, Map<Integer, Long> stopOffsets,
		Instant lastRecordedAt, List<EventEnvelope> appliedEvents) {

	public static final BatchOutcome EMPTY = new BatchOutcome(0, 0, List.of(), Map.of(), null, List.of());

	public BatchOutcome {
		halts = List.copyOf(halts);
		stopOffsets = Map.copyOf(stopOffsets);
		appliedEvents = List.copyOf(appliedEvents);
	}

}
