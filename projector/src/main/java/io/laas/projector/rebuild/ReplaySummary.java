package io.laas.projector.rebuild;

import java.util.List;
import java.util.Locale;

/**
 * What a finished replay did.
 *
 * @param applied events applied to the rebuilt read model
 * @param records records read (applied + duplicates + unreadable + records read past a gap and not applied)
 * @param duplicates records skipped as already applied (the topic is at-least-once)
 * @param unreadable records that could not be decoded (already in the dead-letter topic, skipped)
 * @param halts ledgers halted at a sequence gap, as in the live read model
 * @param seconds from start to the committed swap
 * @param freezeMillis how long the live projector was held back during the swap
 * @param tables the tables swapped in
 * @param oldSchema the schema the replaced read model now lives in, or {@code null} if it was dropped
 */
public record ReplaySummary(long applied, long records, long duplicates, long unreadable, long halts, double seconds,
		long freezeMillis, List<String> tables, String oldSchema) {

	public ReplaySummary {
		tables = List.copyOf(tables);
	}

	public double eventsPerSecond() {
		return (this.seconds <= 0) ? 0 : this.applied / this.seconds;
	}

	public String line() {
		return String.format(Locale.ROOT,
				"replay done: %d events applied (%d records read, %d duplicates, %d unreadable, %d ledgers halted at a gap) "
						+ "in %.1f s, %.0f events/s; live projector held %d ms for the swap; swapped %d tables (%s) into "
						+ "read_model; the replaced read model %s",
				this.applied, this.records, this.duplicates, this.unreadable, this.halts, this.seconds,
				eventsPerSecond(), this.freezeMillis, this.tables.size(), String.join(", ", this.tables),
				(this.oldSchema == null) ? "was dropped" : "is kept as schema " + this.oldSchema
						+ " until the next replay (or: drop schema " + this.oldSchema + " cascade)");
	}

}
