package io.laas.projector.projection.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.laas.projector.projection.Delivered;
import io.laas.projector.projection.Halt;

/**
 * Decides, from each ledger's last applied sequence, what a batch may apply. Pure: no I/O.
 *
 * <p>Per ledger, sequence {@code n} is applied only when it is {@code last + 1}; {@code n <= last} is a duplicate
 * (the relay is at-least-once) and is skipped; {@code n > last + 1} is a gap: the ledger halts there. A halt also
 * stops its partition at that record, because the partition's committed offset must not pass a record that was
 * not applied; so records of other ledgers after it in the same partition wait too.
 *
 * <p>A record the database refused to store ({@code unwritable}, found by the projection when a write failed)
 * halts its ledger in the same way when it comes up next in sequence: it is never skipped.
 *
 * <p>Stopping a partition removes a suffix of each ledger's records there. That cannot create a new gap unless a
 * ledger spans partitions (it should not: the topic is keyed by ledger), so a second pass normally confirms the
 * first; passes repeat until the stop offsets settle.
 */
public final class Sequencer {

	private Sequencer() {
	}

	/**
	 * @param batch records in delivery order (per partition, increasing offsets)
	 * @param lastSequences each ledger's last applied sequence; a ledger not in the map is at 0
	 */
	public static Plan plan(List<Delivered> batch, Map<UUID, Long> lastSequences) {
		return plan(batch, lastSequences, List.of());
	}

	/**
	 * @param unwritable halts at records that cannot be written (each names its record by partition and offset)
	 */
	public static Plan plan(List<Delivered> batch, Map<UUID, Long> lastSequences, Collection<Halt> unwritable) {
		Map<Position, Halt> refused = new HashMap<>();
		unwritable.forEach((halt) -> refused.put(new Position(halt.partition(), halt.offset()), halt));
		Map<Integer, Long> stops = Map.of();
		Map<UUID, Halt> halts = new LinkedHashMap<>();
		// Stop offsets only fall or appear, at record offsets: this loop ends within batch.size() + 1 passes.
		for (int pass = 0; pass <= batch.size() + 1; pass++) {
			Pass result = pass(batch, lastSequences, refused, stops);
			result.halts.forEach((halt) -> halts.putIfAbsent(halt.ledgerId(), halt));
			if (result.stops.equals(stops)) {
				return new Plan(result.toApply, result.duplicates, new ArrayList<>(halts.values()), stops);
			}
			stops = result.stops;
		}
		throw new IllegalStateException("stop offsets did not settle for a batch of " + batch.size());
	}

	private static Pass pass(List<Delivered> batch, Map<UUID, Long> lastSequences, Map<Position, Halt> refused,
			Map<Integer, Long> stops) {
		Pass result = new Pass(new HashMap<>(stops));
		Map<UUID, Long> last = new HashMap<>(lastSequences);
		Set<UUID> halted = new HashSet<>();
		for (Delivered delivered : batch) {
			Long stop = stops.get(delivered.partition());
			if (stop != null && delivered.offset() >= stop) {
				continue;
			}
			UUID ledger = delivered.event().ledgerId();
			if (halted.contains(ledger)) {
				// Only reachable when a ledger spans partitions: hold this partition here as well.
				result.stops.merge(delivered.partition(), delivered.offset(), Math::min);
				continue;
			}
			long sequence = delivered.event().sequence();
			long current = last.getOrDefault(ledger, 0L);
			Halt refusal = refused.get(new Position(delivered.partition(), delivered.offset()));
			if (sequence <= current) {
				result.duplicates++;
			}
			else if (sequence == current + 1 && refusal != null) {
				halted.add(ledger);
				result.halts.add(refusal);
				result.stops.merge(delivered.partition(), delivered.offset(), Math::min);
			}
			else if (sequence == current + 1) {
				result.toApply.add(delivered);
				last.put(ledger, sequence);
			}
			else {
				halted.add(ledger);
				result.halts.add(new Halt(ledger, delivered.partition(), delivered.offset(), current + 1, sequence));
				result.stops.merge(delivered.partition(), delivered.offset(), Math::min);
			}
		}
		return result;
	}

	private record Position(int partition, long offset) {
	}

	private static final class Pass {

		final Map<Integer, Long> stops;

		final List<Delivered> toApply = new ArrayList<>();

		final List<Halt> halts = new ArrayList<>();

		int duplicates;

		Pass(Map<Integer, Long> stops) {
			this.stops = stops;
		}

	}

}
