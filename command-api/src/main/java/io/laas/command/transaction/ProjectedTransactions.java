package io.laas.command.transaction;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.command.account.ProjectedAccounts;
import io.laas.command.isolation.LedgerScope;
import io.laas.events.EventSerde;

/** Transactions as the projector recorded them in {@code read_model.transactions}. */
@Component
class ProjectedTransactions {

	private final JdbcTemplate jdbc;

	private final ProjectedAccounts accounts;

	private final LedgerScope scope;

	ProjectedTransactions(JdbcTemplate jdbc, ProjectedAccounts accounts, LedgerScope scope) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.scope = scope;
	}

	private static final String COLUMNS = "select t.transaction_id, t.sequence, t.status, t.external_id, "
			+ "t.description, t.metadata::text, t.occurred_at, t.recorded_at, t.expires_at, t.reverses_transaction_id, "
			+ "t.reversed_by_transaction_id, t.postings::text from read_model.transactions t ";

	Optional<Map<String, Object>> find(UUID ledgerId, UUID id, Long minSequence) {
		if (minSequence != null) {
			accounts.awaitSequence(ledgerId, minSequence);
		}
		return query(ledgerId, COLUMNS + "where t.ledger_id = ? and t.transaction_id = ?", ledgerId, id).stream()
			.findFirst();
	}

	/** Every status the transaction went through, oldest first, with the ledger sequence that changed it. */
	List<Map<String, Object>> history(UUID ledgerId, UUID id) {
		return scope.call(ledgerId, () -> jdbc.query("select sequence, status, recorded_at from read_model.transaction_history "
				+ "where ledger_id = ? and transaction_id = ? order by sequence", (rs, i) -> {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("sequence", rs.getLong(1));
					row.put("status", rs.getString(2));
					row.put("recorded_at", instant(rs.getTimestamp(3)));
					return row;
				}, ledgerId, id));
	}

	/**
	 * Filters of a transaction list; null means "any". Times are RFC 3339 bounds on occurred_at. A metadata key
	 * matches transactions whose metadata has that key with that value (the empty string when no value is given),
	 * as the account list does.
	 */
	record TransactionFilter(String account, String status, String externalId, Instant from, Instant to,
			String metadataKey, String metadataValue) {
	}

	/** Newest first; {@code beforeSequence} is the last sequence of the previous page. */
	List<Map<String, Object>> list(UUID ledgerId, TransactionFilter filter, long beforeSequence, int limit) {
		StringBuilder sql = new StringBuilder(COLUMNS).append("where t.ledger_id = ? and t.sequence < ?");
		List<Object> args = new ArrayList<>(List.of(ledgerId, beforeSequence));
		if (filter.account() != null) {
			sql.append(" and exists (select 1 from read_model.postings p where p.transaction_id = t.transaction_id "
					+ "and p.account_code = ?)");
			args.add(filter.account());
		}
		if (filter.status() != null) {
			sql.append(" and t.status = ?");
			args.add(filter.status());
		}
		if (filter.externalId() != null) {
			sql.append(" and t.external_id = ?");
			args.add(filter.externalId());
		}
		if (filter.from() != null) {
			sql.append(" and t.occurred_at >= ?");
			args.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" and t.occurred_at < ?");
			args.add(Timestamp.from(filter.to()));
		}
		if (filter.metadataKey() != null) {
			// Containment, not ->>: same answer for string-valued metadata, and a GIN index on metadata can serve it.
			sql.append(" and t.metadata @> jsonb_build_object(?::text, ?::text)");
			args.add(filter.metadataKey());
			args.add(filter.metadataValue() == null ? "" : filter.metadataValue());
		}
		sql.append(" order by t.sequence desc limit ?");
		args.add(limit);
		return query(ledgerId, sql.toString(), args.toArray());
	}

	private List<Map<String, Object>> query(UUID ledgerId, String sql, Object... args) {
		try {
			return scope.call(ledgerId, () -> jdbc.query(sql, (rs, i) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", rs.getObject(1, UUID.class));
				row.put("ledger_id", ledgerId);
				row.put("sequence", rs.getLong(2));
				row.put("status", rs.getString(3));
				row.put("external_id", rs.getString(4));
				row.put("description", rs.getString(5));
				row.put("metadata", EventSerde.mapper().readTree(rs.getString(6)));
				row.put("occurred_at", instant(rs.getTimestamp(7)));
				row.put("recorded_at", instant(rs.getTimestamp(8)));
				row.put("expires_at", instant(rs.getTimestamp(9)));
				row.put("reverses", rs.getObject(10, UUID.class));
				row.put("reversed_by", rs.getObject(11, UUID.class));
				row.put("postings", EventSerde.mapper().readTree(rs.getString(12)));
				return row;
			}, args));
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
