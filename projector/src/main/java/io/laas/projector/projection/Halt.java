package io.laas.projector.projection;

import java.util.UUID;

/**
 * A ledger stopped at a sequence gap: the record at {@code partition}/{@code offset} carries {@code foundSequence}
 * but the ledger is at {@code expectedSequence - 1}. Nothing of that ledger at or after it is applied.
 */
public record Halt(UUID ledgerId, int partition, long offset, long expectedSequence, long foundSequence) {

	/** The sentence stored in {@code ledger_progress.halted_reason} and logged. */
	public String reason() {
		return "sequence gap: expected " + expectedSequence + " but found " + foundSequence + " at partition "
				+ partition + " offset " + offset + "; events " + expectedSequence + ".." + (foundSequence - 1)
				+ " never arrived";
	}

}
