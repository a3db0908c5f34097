package io.laas.command.posting;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one INFO line per HTTP request that changed a ledger: which events it appended, so that a request
 * ({@code request_id}, from the MDC of the request thread) joins its events, and through {@code (ledger_id,
 * sequence)} their projection and webhook deliveries. It watches what each command's responder is handed inside the
 * batch transaction and logs after the outcome is known, on the request thread: an event is named only once it is
 * committed. Commands answered from a stored idempotent answer count as {@code replayed}; refusals are not logged
 * (they are 4xx answers). The id lists stop at {@value #IDS_MAX} entries ({@code ids_truncated}); then
 * {@code sequence_first..sequence_last} still spans every event of the request.
 */
final class AcceptLog {

	private static final Logger log = LoggerFactory.getLogger(AcceptLog.class);

	static final int IDS_MAX = 100;

	private final UUID ledgerId;

	private final List<AtomicReference<Appended>> seen = new ArrayList<>();

	AcceptLog(UUID ledgerId) {
		this.ledgerId = ledgerId;
	}

	/** The same request, its responder noting what was appended (the last call wins if a batch is retried). */
	CommandRequest watch(CommandRequest request) {
		AtomicReference<Appended> slot = new AtomicReference<>();
		seen.add(slot);
		Responder responder = request.responder();
		return new CommandRequest(request.command(), request.idempotencyKey(), request.requestHash(), appended -> {
			slot.set(appended);
			return responder.answer(appended);
		});
	}

	void log(List<Outcome> outcomes) {
		if (!log.isInfoEnabled()) {
			return;
		}
		int accepted = 0;
		int replayed = 0;
		List<String> eventIds = new ArrayList<>();
		List<Long> sequences = new ArrayList<>();
		Set<String> eventTypes = new LinkedHashSet<>();
		Set<String> transactionIds = new LinkedHashSet<>();
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		int events = 0;
		for (int i = 0; i < outcomes.size(); i++) {
			if (!(outcomes.get(i) instanceof Outcome.Done done)) {
				continue;
			}
			if (done.replayed()) {
				replayed++;
				continue;
			}
			Appended appended = (i < seen.size()) ? seen.get(i).get() : null;
			if (appended == null) {
				continue;
			}
			accepted++;
			for (Appended.Event event : appended.events()) {
				events++;
				first = Math.min(first, event.sequence());
				last = Math.max(last, event.sequence());
				eventTypes.add(event.payload().eventType().wireName());
				if (eventIds.size() < IDS_MAX) {
					eventIds.add(event.eventId().toString());
					sequences.add(event.sequence());
				}
				if ("transaction".equals(event.payload().aggregateType()) && transactionIds.size() < IDS_MAX) {
					transactionIds.add(event.payload().aggregateId());
				}
			}
		}
		if (accepted == 0 && replayed == 0) {
			return;
		}
		LoggingEventBuilder line = log.atInfo()
			.addKeyValue("ledger_id", ledgerId.toString())
			.addKeyValue("commands_accepted", accepted)
			.addKeyValue("commands_replayed", replayed);
		if (events == 0) {
			line.log("ledger {}: {} command(s) answered from stored idempotent answers, nothing appended", ledgerId,
					replayed);
			return;
		}
		line.addKeyValue("event_count", events)
			.addKeyValue("sequence_first", first)
			.addKeyValue("sequence_last", last)
			.addKeyValue("event_id", eventIds)
			.addKeyValue("sequence", sequences)
			.addKeyValue("event_type", List.copyOf(eventTypes));
		if (!transactionIds.isEmpty()) {
			line.addKeyValue("transaction_id", List.copyOf(transactionIds));
		}
		if (events > IDS_MAX) {
			line.addKeyValue("ids_truncated", true);
		}
		line.log("ledger {}: accepted {} command(s), {} event(s), sequence {}..{}{}{}", ledgerId, accepted, events,
				first, last, events == 1 ? ", event " + eventIds.get(0) : "",
				replayed > 0 ? ", " + replayed + " replayed" : "");
	}

}
