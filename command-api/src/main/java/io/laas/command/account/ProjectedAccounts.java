package io.laas.command.account;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;
import io.laas.command.web.ApiProblem;
import io.laas.events.EventSerde;
import tools.jackson.core.type.TypeReference;

/** Reads of the projector's read model ({@code read_model} schema); the projector owns and writes it. */
@Component
public class ProjectedAccounts {

	/** Longest a read waits for the projection to reach {@code min_sequence}. */
	static final Duration CATCH_UP_WAIT_MAX = Duration.ofSeconds(10);

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final LedgerScope scope;

	public ProjectedAccounts(JdbcTemplate jdbc, LedgerScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	private static final String COLUMNS = "select a.account_id, a.code, a.name, a.type, a.currency, a.parent_code, "
			+ "a.flags, a.metadata::text, a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending, "
			+ "coalesce(p.last_sequence, 0) from read_model.accounts a "
			+ "left join read_model.ledger_progress p on p.ledger_id = a.ledger_id ";

	public Optional<ProjectedAccount> find(UUID ledgerId, String code) {
		return query(ledgerId, COLUMNS + "where a.ledger_id = ? and a.code = ?", ledgerId, code).stream().findFirst();
	}

	/** A page of accounts in code order; {@code after} is the last code of the previous page. */
	public List<ProjectedAccount> list(UUID ledgerId, AccountFilter filter, String after, int limit) {
		StringBuilder sql = new StringBuilder(COLUMNS).append("where a.ledger_id = ?");
		List<Object> args = new java.util.ArrayList<>(List.of(ledgerId));
		if (filter.type() != null) {
			sql.append(" and a.type = ?");
			args.add(filter.type());
		}
		if (filter.currency() != null) {
			sql.append(" and a.currency = ?");
			args.add(filter.currency());
		}
		if (filter.parentCode() != null) {
			sql.append(" and a.parent_code = ?");
			args.add(filter.parentCode());
		}
		if (filter.search() != null) {
			sql.append(" and (a.code ilike ? or a.name ilike ?)");
			String like = "%" + filter.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			args.add(like);
			args.add(like);
		}
		if (filter.metadataKey() != null) {
			sql.append(" and a.metadata ->> ? = ?");
			args.add(filter.metadataKey());
			args.add(filter.metadataValue() == null ? "" : filter.metadataValue());
		}
		if (after != null) {
			sql.append(" and a.code > ?");
			args.add(after);
		}
		sql.append(" order by a.code limit ?");
		args.add(limit);
		return query(ledgerId, sql.toString(), args.toArray());
	}

	/** Filters of an account list; null means "any". */
	public record AccountFilter(String type, String currency, String parentCode, String search, String metadataKey,
			String metadataValue) {
	}

	private List<ProjectedAccount> query(UUID ledgerId, String sql, Object... args) {
		try {
			return scope.call(ledgerId, () -> jdbc.query(sql, (rs, i) -> ProjectedAccount.of(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3), AccountType.fromWire(rs.getString(4)).orElseThrow(), rs.getString(5),
					rs.getString(6), Arrays.stream((Object[]) rs.getArray(7).getArray()).map(String::valueOf).toList(),
					EventSerde.mapper().readValue(rs.getString(8), STRING_MAP),
					new Balances(rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12)),
					rs.getLong(13)), args));
		}
		catch (BadSqlGrammarException ex) {
			throw notReady();
		}
	}

	/** The sequence the projection of this ledger has applied, 0 before its first event. */
	public long projectedSequence(UUID ledgerId) {
		try {
			List<Long> found = scope.call(ledgerId, () -> jdbc.queryForList(
					"select last_sequence from read_model.ledger_progress where ledger_id = ?", Long.class, ledgerId));
			return found.isEmpty() ? 0 : found.get(0);
		}
		catch (BadSqlGrammarException ex) {
			throw notReady();
		}
	}

	/** Read-your-writes: waits (bounded) until the projection includes {@code minSequence}. */
	public void awaitSequence(UUID ledgerId, long minSequence) {
		// A sequence the ledger has not handed out yet can never be reached: a client error, not a wait and a 503.
		Long last = jdbc.queryForObject("select last_sequence from ledgers where id = ?", Long.class, ledgerId);
		if (last != null && minSequence > last) {
			throw ApiProblem.invalid("min_sequence", "is beyond the ledger's last sequence (" + last + ")");
		}
		long deadline = System.nanoTime() + CATCH_UP_WAIT_MAX.toNanos();
		long delayMs = 2;
		while (projectedSequence(ledgerId) < minSequence) {
			if (System.nanoTime() > deadline) {
				throw new ApiProblem(503, "projection-behind", "Projection behind",
						"The read model has not reached sequence " + minSequence + " within "
								+ CATCH_UP_WAIT_MAX.toSeconds() + " s; retry shortly.",
						List.of());
			}
			try {
				Thread.sleep(delayMs);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw notReady();
			}
			delayMs = Math.min(delayMs * 2, 50);
		}
	}

	public static ApiProblem notReady() {
		return new ApiProblem(503, "read-model-unavailable", "Read model unavailable",
				"The projector has not created the read model yet; start the projector and retry.", List.of());
	}


}
