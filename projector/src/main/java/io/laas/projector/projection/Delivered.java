package io.laas.projector.projection;

import java.util.Objects;

import io.laas.events.EventEnvelope;

/**
 * An event as it arrived: where it sits in its stream (a partition and an offset within it) and what it says. The
 * position is what a halt refers to; the projection never looks inside it otherwise.
 */
public record Delivered(int partition, long offset, EventEnvelope event) {

	public Delivered {
		Objects.requireNonNull(event, "event");
		if (partition < 0 || offset < 0) {
			throw new IllegalArgumentException("bad position " + partition + "@" + offset);
		}
	}

}
