package io.laas.projector.feed.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.laas.events.EventEnvelope;
import io.laas.projector.projection.BatchOutcome;

/**
 * The log of what the read model took in, under its own logger ({@value #LOGGER}) so that it can be turned down
 * alone. INFO: one line per committed batch that applied something, naming each ledger with the first and last
 * sequence applied ({@code ledgers: ["<ledger_id>:<first>-<last>", ...]}, at most {@value #LEDGERS_MAX} entries):
 * a few lines a second per consumer under load, one per event when idle. DEBUG: one line per applied event with
 * {@code ledger_id}, {@code sequence}, {@code event_id}, {@code event_type}. {@code (ledger_id, sequence)} is the
 * key that joins an event to command-api's accept line and the dispatcher's delivery lines.
 */
final class AppliedLog {

	static final String LOGGER = "io.laas.projector.applied";

	static final int LEDGERS_MAX = 200;

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private AppliedLog() {
	}

	static void committed(BatchOutcome outcome, int records, String partitions) {
		if (outcome.appliedEvents().isEmpty()) {
			return;
		}
		if (log.isDebugEnabled()) {
			for (EventEnvelope event : outcome.appliedEvents()) {
				log.atDebug()
					.addKeyValue("ledger_id", event.ledgerId().toString())
					.addKeyValue("sequence", event.sequence())
					.addKeyValue("event_id", event.eventId().toString())
					.addKeyValue("event_type", event.eventType())
					.log("applied ledger {} sequence {} event {} ({})", event.ledgerId(), event.sequence(),
							event.eventId(), event.eventType());
			}
		}
		if (!log.isInfoEnabled()) {
			return;
		}
		Map<UUID, long[]> ranges = new LinkedHashMap<>();
		for (EventEnvelope event : outcome.appliedEvents()) {
			long[] range = ranges.computeIfAbsent(event.ledgerId(), (id) -> new long[] { event.sequence(), event.sequence() });
			range[0] = Math.min(range[0], event.sequence());
			range[1] = Math.max(range[1], event.sequence());
		}
		List<String> ledgers = new ArrayList<>(Math.min(ranges.size(), LEDGERS_MAX));
		for (Map.Entry<UUID, long[]> entry : ranges.entrySet()) {
			if (ledgers.size() == LEDGERS_MAX) {
				break;
			}
			ledgers.add(entry.getKey() + ":" + entry.getValue()[0] + "-" + entry.getValue()[1]);
		}
		var line = log.atInfo()
			.addKeyValue("event_count", outcome.applied())
			.addKeyValue("duplicates", outcome.duplicates())
			.addKeyValue("records", records)
			.addKeyValue("ledger_count", ranges.size())
			.addKeyValue("ledgers", ledgers);
		if (ranges.size() > LEDGERS_MAX) {
			line.addKeyValue("ledgers_truncated", true);
		}
		line.log("applied {} event(s) of {} ledger(s) from {} record(s) of {} ({} duplicate(s)): {}{}",
				outcome.applied(), ranges.size(), records, partitions, outcome.duplicates(), String.join(" ", ledgers),
				ranges.size() > LEDGERS_MAX ? " ..." : "");
	}

}
