package io.laas.projector.projection.internal;

import java.util.List;
import java.util.Map;

import io.laas.projector.projection.Delivered;
import io.laas.projector.projection.Halt;

/**
 * Which records of a batch to apply, in order, and where the batch must stop. See {@link Sequencer}.
 */
public record Plan(List<Delivered> toApply, int duplicates, List<Halt> halts, Map<Integer, Long> stopOffsets) {

	public Plan {
		toApply = List.copyOf(toApply);
		halts = List.copyOf(halts);
		stopOffsets = Map.copyOf(stopOffsets);
	}

}
