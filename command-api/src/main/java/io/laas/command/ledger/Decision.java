package io.laas.command.ledger;

import java.util.List;

import io.laas.events.LedgerEvent;

/** What the decider answers: the events to append, or the rule that refused the command. */
public sealed interface Decision {

	record Accepted(List<LedgerEvent> events) implements Decision {

		public Accepted {
			if (events.isEmpty()) {
				throw new IllegalStateException("an accepted command appends at least one event");
			}
			events = List.copyOf(events);
		}

	}

	record Rejected(Rejection rejection) implements Decision {
	}

}
