package io.laas.projector.projection.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.projector.projection.Halt;
import io.laas.projector.readmodel.ReadModelSchema;
import io.laas.projector.readmodel.ReadModelSwap;

/**
 * {@code read_model.ledger_progress}: the last applied sequence of each ledger, written in the same transaction as
 * the rows it accounts for. That is what makes the projection exactly-once on top of an at-least-once topic.
 */
@Component
public class Progress {

	/**
	 * Transaction-scoped advisory locks, one per ledger, taken in one global order (by lock key) so that two
	 * transactions cannot deadlock: normally one consumer owns a ledger's partition, but during a rebalance a
	 * consumer that was slow to notice may still be applying the same records as the new owner. The second one
	 * waits, then sees them as duplicates. A lock rather than SELECT FOR UPDATE, because a new ledger has no row.
	 */
	private static final String LOCK = """
			select pg_advisory_xact_lock(k.key)
			from (select distinct hashtextextended(l::text, 0) as key from unnest(?::uuid[]) as l order by 1) as k
			""";

	private static final String LOAD = "select ledger_id, last_sequence from read_model.ledger_progress "
			+ "where ledger_id = any(?::uuid[])";

	/** The WHERE makes a double apply fail loudly instead of moving a ledger backwards or sideways. */
	private static final String ADVANCE = """
			insert into read_model.ledger_progress as p (ledger_id, last_sequence, last_event_id, last_recorded_at,
			    applied_at, halted_sequence, halted_reason)
			select d.ledger_id, d.last_sequence, d.last_event_id, d.last_recorded_at, now(), d.halted_sequence,
			    d.halted_reason
			from unnest(?::uuid[], ?::bigint[], ?::uuid[], ?::timestamptz[], ?::bigint[], ?::text[])
			  as d(ledger_id, last_sequence, last_event_id, last_recorded_at, halted_sequence, halted_reason)
			on conflict (ledger_id) do update set last_sequence = excluded.last_sequence,
			    last_event_id = excluded.last_event_id, last_recorded_at = excluded.last_recorded_at,
			    applied_at = excluded.applied_at, halted_sequence = excluded.halted_sequence,
			    halted_reason = excluded.halted_reason
			  where p.last_sequence < excluded.last_sequence
			""";

	private static final String HALT = """
			insert into read_model.ledger_progress as p (ledger_id, last_sequence, applied_at, halted_sequence,
			    halted_reason)
			select d.ledger_id, 0, now(), d.halted_sequence, d.halted_reason
			from unnest(?::uuid[], ?::bigint[], ?::text[]) as d(ledger_id, halted_sequence, halted_reason)
			on conflict (ledger_id) do update set halted_sequence = excluded.halted_sequence,
			    halted_reason = excluded.halted_reason
			""";

	private final JdbcTemplate jdbc;

	private final boolean guardedBySwap;

	private final String load;

	private final String advance;

	private final String halt;

	/** The live read model: every batch holds the swap guard (see {@link ReadModelSwap}). */
	@Autowired
	public Progress(JdbcTemplate jdbc) {
		this(jdbc, ReadModelSchema.SCHEMA, true);
	}

	/**
	 * @param schema the schema of the read model to write (a replay writes {@code read_model_next})
	 * @param guardedBySwap whether each batch takes the swap guard in shared mode first; the live projector does, so
	 * that a replay's swap waits for its batch in progress and holds the next one back until the swap committed
	 */
	public Progress(JdbcTemplate jdbc, String schema, boolean guardedBySwap) {
		this.jdbc = jdbc;
		this.guardedBySwap = guardedBySwap;
		this.load = ReadModelSchema.inSchema(LOAD, schema);
		this.advance = ReadModelSchema.inSchema(ADVANCE, schema);
		this.halt = ReadModelSchema.inSchema(HALT, schema);
	}

	/** Locks the ledgers until the transaction ends and returns their last applied sequences. */
	public Map<UUID, Long> lockAndLoad(Collection<UUID> ledgers) {
		String[] ids = ledgers.stream().map(UUID::toString).toArray(String[]::new);
		return this.jdbc.execute((ConnectionCallback<Map<UUID, Long>>) (connection) -> {
			if (this.guardedBySwap) {
				// First, before the ledger locks: a swap waiting for it holds no ledger lock, so no cycle.
				try (PreparedStatement guard = connection.prepareStatement(ReadModelSwap.SHARED_GUARD)) {
					guard.executeQuery().close();
				}
			}
			try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
				lock.setArray(1, connection.createArrayOf("text", ids));
				lock.executeQuery().close();
			}
			Map<UUID, Long> last = new HashMap<>();
			try (PreparedStatement load = connection.prepareStatement(this.load)) {
				load.setArray(1, connection.createArrayOf("text", ids));
				try (ResultSet rows = load.executeQuery()) {
					while (rows.next()) {
						last.put(rows.getObject(1, UUID.class), rows.getLong(2));
					}
				}
			}
			return last;
		});
	}

	/**
	 * Moves every ledger that applied events to its new position, and records the halts. A ledger that advanced
	 * without halting has its earlier halt cleared: whatever stopped it is behind it now.
	 */
	public void save(Changes changes, List<Halt> halts) {
		Map<UUID, Halt> haltOf = new HashMap<>();
		halts.forEach((halt) -> haltOf.put(halt.ledgerId(), halt));
		List<Map.Entry<UUID, LedgerPosition>> advanced = new ArrayList<>(changes.positions().entrySet());
		List<Halt> haltedOnly = halts.stream().filter((halt) -> !changes.positions().containsKey(halt.ledgerId())).toList();
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			if (!advanced.isEmpty()) {
				ReadModelWriter.run(connection, this.advance, advanced.size(), (columns) -> columns
					.column(advanced, Map.Entry::getKey)
					.column(advanced, (e) -> e.getValue().sequence())
					.column(advanced, (e) -> e.getValue().eventId())
					.column(advanced, (e) -> e.getValue().recordedAt())
					.column(advanced, (e) -> haltOf.containsKey(e.getKey()) ? haltOf.get(e.getKey()).foundSequence() : null)
					.column(advanced, (e) -> haltOf.containsKey(e.getKey()) ? haltOf.get(e.getKey()).reason() : null));
			}
			if (!haltedOnly.isEmpty()) {
				ReadModelWriter.run(connection, this.halt, haltedOnly.size(), (columns) -> columns
					.column(haltedOnly, Halt::ledgerId)
					.column(haltedOnly, Halt::foundSequence)
					.column(haltedOnly, Halt::reason));
			}
			return null;
		});
	}

}
