package io.laas.command.posting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.laas.command.ledger.LedgerView;
import io.laas.events.LedgerEvent;

/**
 * What an accepted command appended, and the ledger's state right after it (for balances in the answer).
 */
public record Appended(UUID ledgerId, List<Event> events, LedgerView after, Instant recordedAt) {

	public record Event(UUID eventId, long sequence, LedgerEvent payload, Instant occurredAt) {
	}

	public long lastSequence() {
		return events.get(events.size() - 1).sequence();
	}

}
