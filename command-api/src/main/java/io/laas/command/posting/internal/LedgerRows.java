package io.laas.command.posting.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.AccountFlag;
import io.laas.command.ledger.AccountState;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;
import io.laas.command.ledger.TransactionState;
import io.laas.command.ledger.TransactionStatus;
import io.laas.events.EventSerde;
import io.laas.events.EventType;
import io.laas.events.Posting;
import io.laas.command.posting.Appended;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the write side: what a batch loads under the ledger lock and what it writes back. */
final class LedgerRows {

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Posting>> POSTINGS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json = EventSerde.mapper();

	LedgerRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the ledger row: every writer of this ledger, in any process, waits here. */
	Optional<LedgerHead> lockLedger(UUID ledgerId) {
		List<LedgerHead> heads = jdbc.query("select currency, last_sequence from ledgers where id = ? for update",
				(rs, i) -> new LedgerHead(rs.getString(1), rs.getLong(2)), ledgerId);
		return heads.stream().findFirst();
	}

	record LedgerHead(String currency, long lastSequence) {
	}

	Map<UUID, TransactionState> transactions(UUID ledgerId, Set<UUID> ids) {
		Map<UUID, TransactionState> found = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		jdbc.query("select id, status, external_id, postings, expires_at, reverses_transaction_id, "
				+ "reversed_by_transaction_id, created_sequence from transactions where ledger_id = ? and id = any(?)",
				ps -> {
					ps.setObject(1, ledgerId);
					ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids.toArray()));
				}, rs -> {
					TransactionState t = new TransactionState(rs.getObject(1, UUID.class),
							TransactionStatus.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
							rs.getString(3), json.readValue(rs.getString(4), POSTINGS), instant(rs, 5),
							rs.getObject(6, UUID.class), rs.getObject(7, UUID.class), rs.getLong(8));
					found.put(t.id(), t);
				});
		return found;
	}

	Map<AccountCode, AccountState> accounts(UUID ledgerId, Set<AccountCode> codes) {
		Map<AccountCode, AccountState> found = new LinkedHashMap<>();
		if (codes.isEmpty()) {
			return found;
		}
		jdbc.query("select id, code, name, type, currency, parent_code, flags, metadata, version, debits_posted, "
				+ "credits_posted, debits_pending, credits_pending from accounts where ledger_id = ? and code = any(?)",
				ps -> {
					ps.setObject(1, ledgerId);
					ps.setArray(2, ps.getConnection()
						.createArrayOf("text", codes.stream().map(AccountCode::value).toArray()));
				}, rs -> {
					AccountState a = account(rs);
					found.put(a.code(), a);
				});
		return found;
	}

	private AccountState account(ResultSet rs) throws SQLException {
		String parent = rs.getString(6);
		Set<AccountFlag> flags = new java.util.HashSet<>();
		for (Object flag : (Object[]) rs.getArray(7).getArray()) {
			flags.add(AccountFlag.fromWire((String) flag).orElseThrow());
		}
		return new AccountState(rs.getObject(1, UUID.class), new AccountCode(rs.getString(2)), rs.getString(3),
				AccountType.fromWire(rs.getString(4)).orElseThrow(), rs.getString(5),
				parent == null ? null : new AccountCode(parent), flags, metadata(rs.getString(8)),
				rs.getLong(9), new Balances(rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12),
						rs.getBigDecimal(13)));
	}

	/**
	 * Most accounts carry no metadata, and every posting loads and writes back two accounts: {@code {}} is read and
	 * written without a round through Jackson (the same value either way; AccountState copies it immutably).
	 */
	private Map<String, String> metadata(String stored) {
		return "{}".equals(stored) ? Map.of() : json.readValue(stored, STRING_MAP);
	}

	private String metadataJson(Map<String, String> metadata) {
		return metadata.isEmpty() ? "{}" : json.writeValueAsString(metadata);
	}

	/** The stored answers of the given idempotency keys. */
	Map<String, StoredAnswer> answers(UUID ledgerId, Set<String> keys) {
		Map<String, StoredAnswer> found = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		jdbc.query("select idempotency_key, request_hash, response_status, response_body from idempotency_records "
				+ "where ledger_id = ? and idempotency_key = any(?)", ps -> {
					ps.setObject(1, ledgerId);
					ps.setArray(2, ps.getConnection().createArrayOf("text", keys.toArray()));
				}, rs -> {
					found.put(rs.getString(1), new StoredAnswer(rs.getString(2), rs.getInt(3), rs.getString(4)));
				});
		return found;
	}

	record StoredAnswer(String requestHash, int status, String bodyJson) {
	}

	void insertAccounts(UUID ledgerId, List<AccountState> created) {
		if (created.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into accounts (id, ledger_id, code, name, type, currency, parent_code, flags, "
				+ "metadata, version, debits_posted, credits_posted, debits_pending, credits_pending) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)", created, created.size(), (ps, a) -> {
					ps.setObject(1, a.id());
					ps.setObject(2, ledgerId);
					ps.setString(3, a.code().value());
					ps.setString(4, a.name());
					ps.setString(5, a.type().wire());
					ps.setString(6, a.currency());
					ps.setString(7, a.parentCode() == null ? null : a.parentCode().value());
					ps.setArray(8, flags(ps, a));
					ps.setString(9, metadataJson(a.metadata()));
					setVersionAndBalances(ps, 10, a);
				});
	}

	void updateAccounts(List<AccountState> changed) {
		if (changed.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("update accounts set name = ?, metadata = ?::jsonb, version = ?, debits_posted = ?, "
				+ "credits_posted = ?, debits_pending = ?, credits_pending = ?, updated_at = now() where id = ?",
				changed, changed.size(), (ps, a) -> {
					ps.setString(1, a.name());
					ps.setString(2, metadataJson(a.metadata()));
					setVersionAndBalances(ps, 3, a);
					ps.setObject(8, a.id());
				});
	}

	private static void setVersionAndBalances(PreparedStatement ps, int first, AccountState a) throws SQLException {
		ps.setLong(first, a.version());
		Balances b = a.balances();
		ps.setBigDecimal(first + 1, b.debitsPosted());
		ps.setBigDecimal(first + 2, b.creditsPosted());
		ps.setBigDecimal(first + 3, b.debitsPending());
		ps.setBigDecimal(first + 4, b.creditsPending());
	}

	private static Array flags(PreparedStatement ps, AccountState a) throws SQLException {
		return ps.getConnection().createArrayOf("text", a.flags().stream().map(AccountFlag::wire).sorted().toArray());
	}

	void upsertTransactions(UUID ledgerId, List<TransactionState> transactions) {
		if (transactions.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into transactions (id, ledger_id, status, external_id, postings, expires_at, "
				+ "reverses_transaction_id, reversed_by_transaction_id, created_sequence) "
				+ "values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) on conflict (id) do update set status = excluded.status, "
				+ "postings = excluded.postings, reversed_by_transaction_id = excluded.reversed_by_transaction_id",
				transactions, transactions.size(), (ps, t) -> {
					ps.setObject(1, t.id());
					ps.setObject(2, ledgerId);
					ps.setString(3, t.status().name().toLowerCase(java.util.Locale.ROOT));
					ps.setString(4, t.externalId());
					ps.setString(5, json.writeValueAsString(t.postings()));
					ps.setTimestamp(6, t.expiresAt() == null ? null : Timestamp.from(t.expiresAt()));
					ps.setObject(7, t.reversesTransactionId());
					ps.setObject(8, t.reversedByTransactionId());
					ps.setLong(9, t.createdSequence());
				});
	}

	/** One row per event; the idempotency key goes on the first event of its command only. */
	record EventRow(Appended.Event event, Instant recordedAt, String idempotencyKey) {
	}

	void insertEvents(UUID ledgerId, List<EventRow> rows) {
		jdbc.batchUpdate("insert into events (id, ledger_id, sequence, aggregate_type, aggregate_id, event_type, "
				+ "schema_version, payload, occurred_at, recorded_at, idempotency_key) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)", rows, rows.size(), (ps, row) -> {
					Appended.Event e = row.event();
					EventType type = e.payload().eventType();
					ps.setObject(1, e.eventId());
					ps.setObject(2, ledgerId);
					ps.setLong(3, e.sequence());
					ps.setString(4, e.payload().aggregateType());
					ps.setString(5, e.payload().aggregateId());
					ps.setString(6, type.wireName());
					ps.setInt(7, type.schemaVersion());
					ps.setString(8, EventSerde.payloadToJson(e.payload()));
					ps.setTimestamp(9, Timestamp.from(e.occurredAt()));
					ps.setTimestamp(10, Timestamp.from(row.recordedAt()));
					ps.setString(11, row.idempotencyKey());
				});
	}

	record AnswerRow(String key, String requestHash, int status, String bodyJson) {
	}

	void insertAnswers(UUID ledgerId, List<AnswerRow> answers) {
		if (answers.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("insert into idempotency_records (ledger_id, idempotency_key, request_hash, response_status, "
				+ "response_body) values (?, ?, ?, ?, ?)", answers, answers.size(), (ps, a) -> {
					ps.setObject(1, ledgerId);
					ps.setString(2, a.key());
					ps.setString(3, a.requestHash());
					ps.setInt(4, a.status());
					ps.setString(5, a.bodyJson());
				});
	}

	void advanceSequence(UUID ledgerId, long lastSequence) {
		jdbc.update("update ledgers set last_sequence = ? where id = ?", lastSequence, ledgerId);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}



}
