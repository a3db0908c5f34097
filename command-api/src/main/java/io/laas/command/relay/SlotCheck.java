package io.laas.command.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Before the engine streams: do the stored offsets and the replication slot still describe one unbroken stream?
 * If not, Debezium would carry on from wherever the slot is now (its default {@code offset.mismatch.strategy},
 * {@code no_validation}, does not compare the two) and every event committed in the gap would never reach Kafka.
 * The relay refuses instead; the way out is documented in docs/operations.md.
 *
 * <p>Why "slot ahead of the stored offsets" means a gap: Debezium confirms an LSN to the slot only after the offset
 * holding it was stored, so the slot's {@code confirmed_flush_lsn} never passes the stored position on its own.
 * A slot that starts beyond it was dropped and recreated (by hand, by a tool, or on a failover replica): it was
 * created at the then-current end of the WAL, after whatever we did not read.
 */
final class SlotCheck {

	private SlotCheck() {
	}

	static void refuseIfEventsWouldBeSkipped(Connection connection, String slotName) throws SQLException {
		if (!PostgresOffsetStore.hasOffsets(connection, slotName)) {
			return; // first start, or the operator cleared the offsets: the relay snapshots the events table
		}
		try (PreparedStatement slot = connection.prepareStatement(
				"select wal_status, confirmed_flush_lsn::text from pg_replication_slots where slot_name = ?")) {
			slot.setString(1, slotName);
			try (ResultSet rs = slot.executeQuery()) {
				if (!rs.next()) {
					throw new RelayRefusedException("replication slot " + slotName
							+ " is gone but offsets are stored for it; events after the stored offset may be missing "
							+ "from Kafka. " + wayOut(slotName));
				}
				if ("lost".equals(rs.getString(1))) {
					throw new RelayRefusedException("replication slot " + slotName
							+ " lost WAL it needed (max_slot_wal_keep_size); events after the stored offset may be "
							+ "missing from Kafka. " + wayOut(slotName));
				}
				String confirmed = rs.getString(2);
				OptionalLong stored = PostgresOffsetStore.storedLsnMax(connection, slotName);
				if (confirmed != null && stored.isPresent() && lsn(confirmed) > stored.getAsLong()) {
					throw new RelayRefusedException("replication slot " + slotName + " starts at LSN " + confirmed
							+ ", beyond the stored offset (LSN " + text(stored.getAsLong()) + "): it was dropped and "
							+ "recreated, and events committed in between may be missing from Kafka. "
							+ wayOut(slotName));
				}
			}
		}
	}

	private static String wayOut(String slotName) {
		return "Delete the relay_offsets rows of store " + slotName + " to start again: the relay then re-publishes "
				+ "the events table (consumers deduplicate by ledger and sequence); see docs/operations.md.";
	}

	/** A {@code pg_lsn} in its text form ({@code 16/B374D848}) as the number Debezium stores. */
	static long lsn(String text) {
		int slash = text.indexOf('/');
		if (slash < 1) {
			throw new IllegalArgumentException("not an LSN: " + text);
		}
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	static String text(long lsn) {
		return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
	}

}
