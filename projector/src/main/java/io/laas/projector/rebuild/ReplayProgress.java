package io.laas.projector.rebuild;

/**
 * Where a replay stands.
 *
 * @param records records read so far (applied, skipped as duplicates, unreadable)
 * @param recordsToReach records between the first offsets and the end offsets the replay is reading to now
 * @param applied events applied to the rebuilt read model
 * @param eventsPerSecond events applied per second since reading started
 * @param etaSeconds seconds left at that rate, or -1 when not known yet
 */
public record ReplayProgress(long records, long recordsToReach, long applied, double eventsPerSecond,
		double etaSeconds) {

	/** One line, e.g. {@code replay: 48000/120000 records (40.0%), 47880 events applied, 23950 events/s, ETA 3.0 s}. */
	public String line() {
		double percent = (this.recordsToReach == 0) ? 100 : 100.0 * Math.min(this.records, this.recordsToReach) / this.recordsToReach;
		return String.format(java.util.Locale.ROOT, "replay: %d/%d records (%.1f%%), %d events applied, %.0f events/s, ETA %s",
				this.records, this.recordsToReach, percent, this.applied, this.eventsPerSecond,
				(this.etaSeconds < 0) ? "?" : String.format(java.util.Locale.ROOT, "%.1f s", this.etaSeconds));
	}

}
