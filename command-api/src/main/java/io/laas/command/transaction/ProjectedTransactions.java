package io.laas.command.transaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.command.account.ProjectedAccounts;
import io.laas.command.web.ApiProblem;
import io.laas.events.EventSerde;

/** Transactions as the projector recorded them in {@code read_model.transactions}. */
@Component
class ProjectedTransactions {

	private final JdbcTemplate jdbc;

	private final ProjectedAccounts accounts;

	ProjectedTransactions(JdbcTemplate jdbc, ProjectedAccounts accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	Optional<Map<String, Object>> find(UUID ledgerId, UUID id, Long minSequence) {
		if (minSequence != null) {
			accounts.awaitSequence(ledgerId, minSequence);
		}
		try {
			List<Map<String, Object>> found = jdbc.query("select transaction_id, sequence, status, external_id, "
					+ "description, metadata::text, occurred_at, recorded_at, expires_at, reverses_transaction_id, "
					+ "reversed_by_transaction_id, postings::text from read_model.transactions "
					+ "where ledger_id = ? and transaction_id = ?", (rs, i) -> {
						Map<String, Object> row = new LinkedHashMap<>();
						row.put("id", rs.getObject(1, UUID.class));
						row.put("ledger_id", ledgerId);
						row.put("sequence", rs.getLong(2));
						row.put("status", rs.getString(3));
						row.put("external_id", rs.getString(4));
						row.put("description", rs.getString(5));
						row.put("metadata", EventSerde.mapper().readTree(rs.getString(6)));
						row.put("occurred_at", rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
						row.put("recorded_at", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
						row.put("expires_at", rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
						row.put("reverses", rs.getObject(10, UUID.class));
						row.put("reversed_by", rs.getObject(11, UUID.class));
						row.put("postings", EventSerde.mapper().readTree(rs.getString(12)));
						return row;
					}, ledgerId, id);
			return found.stream().findFirst();
		}
		catch (BadSqlGrammarException ex) {
			throw new ApiProblem(503, "read-model-unavailable", "Read model unavailable",
					"The projector has not created the read model yet; start the projector and retry.", List.of());
		}
	}

}
