package io.laas.projector.projection;

import java.util.UUID;

/**
 * A ledger stopped at the record at {@code partition}/{@code offset}, which carries {@code foundSequence}, while the
 * ledger is at {@code expectedSequence - 1}. Nothing of that ledger at or after it is applied. Two causes: a
 * sequence gap ({@link #gap}), or a record that is next in sequence but that the database refuses to store
 * ({@link #unwritable}, e.g. a timestamp in year 0 or a value out of a column's range).
 *
 * @param reason the sentence stored in {@code ledger_progress.halted_reason} and logged
 */
public record Halt(UUID ledgerId, int partition, long offset, long expectedSequence, long foundSequence,
		String reason) {

	/** Refused messages are kept whole in the log line but cut here: a reason is for people, not a dump. */
	static final int MESSAGE_LENGTH_MAX = 500;

	/** A gap: {@code expectedSequence .. foundSequence - 1} never arrived. */
	public Halt(UUID ledgerId, int partition, long offset, long expectedSequence, long foundSequence) {
		this(ledgerId, partition, offset, expectedSequence, foundSequence,
				"sequence gap: expected " + expectedSequence + " but found " + foundSequence + " at partition "
						+ partition + " offset " + offset + "; events " + expectedSequence + ".." + (foundSequence - 1)
						+ " never arrived");
	}

	/** A record next in sequence that the database refused with {@code message}; it is not skipped, it is held. */
	public static Halt unwritable(Delivered record, String message) {
		String cut = (message.length() > MESSAGE_LENGTH_MAX) ? message.substring(0, MESSAGE_LENGTH_MAX) + "..."
				: message;
		long sequence = record.event().sequence();
		return new Halt(record.event().ledgerId(), record.partition(), record.offset(), sequence, sequence,
				"cannot write event " + record.event().eventId() + " (sequence " + sequence + ", partition "
						+ record.partition() + " offset " + record.offset() + ") to the read model: " + cut);
	}

	public Halt {
		if (reason == null || reason.isBlank()) {
			throw new IllegalArgumentException("a halt needs a reason");
		}
	}

}
