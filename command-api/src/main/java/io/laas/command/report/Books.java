package io.laas.command.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.laas.command.account.ProjectedAccounts;
import io.laas.command.isolation.LedgerScope;
import io.laas.command.ledger.AccountType;
import io.laas.command.ledger.Balances;
import io.laas.command.web.ApiProblem;
import io.laas.events.Direction;

/**
 * A ledger's books as the projector recorded them: accounts ({@code read_model.accounts}) and every leg that moved
 * a balance ({@code read_model.postings}). Each method reads one snapshot (a read-only repeatable-read
 * transaction, bounded by {@code laas.reports.query-timeout-ms}) and answers with the ledger sequence that
 * snapshot includes.
 *
 * <p>Effective time is {@code occurred_at}. At an {@code as_of}: posted totals sum the 'posted' legs that occurred
 * at or before it; a 'pending' leg that occurred at or before it is a reservation until a 'released' leg of the same
 * transaction and ordinal (written when the pending transaction was posted or voided, at that command's time)
 * occurred at or before it. With no {@code as_of}, the totals are the account rows themselves.
 */
@Component
class Books {

	/** What a query answered, and the ledger sequence the read model had applied when it answered. */
	record Projected<T>(T value, long sequence) {
	}

	private static final String ACCOUNT_COLUMNS = "a.code, a.name, a.type, a.currency, a.parent_code, ";

	private static final String ACCOUNTS_NOW = "select " + ACCOUNT_COLUMNS
			+ "a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending from read_model.accounts a "
			+ "where a.ledger_id = ? %s order by a.code limit ?";

	private static final String ACCOUNTS_AS_OF = "select " + ACCOUNT_COLUMNS
			+ "coalesce(m.debits_posted, 0), coalesce(m.credits_posted, 0), coalesce(m.debits_pending, 0), "
			+ "coalesce(m.credits_pending, 0) from read_model.accounts a left join ("
			+ "select p.account_code, "
			+ "sum(p.amount) filter (where p.status = 'posted' and p.direction = 'debit') as debits_posted, "
			+ "sum(p.amount) filter (where p.status = 'posted' and p.direction = 'credit') as credits_posted, "
			+ "sum(p.amount) filter (where p.status = 'pending' and p.direction = 'debit') as debits_pending, "
			+ "sum(p.amount) filter (where p.status = 'pending' and p.direction = 'credit') as credits_pending "
			+ "from read_model.postings p where p.ledger_id = ? and p.occurred_at <= ? %s and (p.status = 'posted' "
			+ "or (p.status = 'pending' and not exists (select 1 from read_model.postings r where r.ledger_id = p.ledger_id "
			+ "and r.transaction_id = p.transaction_id and r.ordinal = p.ordinal and r.status = 'released' "
			+ "and r.occurred_at <= ?))) group by p.account_code) m on m.account_code = a.code "
			+ "where a.ledger_id = ? %s order by a.code limit ?";

	private static final String MOVEMENTS = "select " + ACCOUNT_COLUMNS
			+ "coalesce(m.debits, 0), coalesce(m.credits, 0), 0, 0 from read_model.accounts a left join ("
			+ "select p.account_code, sum(p.amount) filter (where p.direction = 'debit') as debits, "
			+ "sum(p.amount) filter (where p.direction = 'credit') as credits from read_model.postings p "
			+ "where p.ledger_id = ? and p.status = 'posted' %s group by p.account_code) m on m.account_code = a.code "
			+ "where a.ledger_id = ? and a.type in ('revenue', 'expense') order by a.code limit ?";

	private static final String OPENING = "select coalesce(sum(amount) filter (where direction = 'debit'), 0), "
			+ "coalesce(sum(amount) filter (where direction = 'credit'), 0) from read_model.postings "
			+ "where ledger_id = ? and account_code = ? and status = 'posted' and occurred_at < ?";

	private static final String ENTRIES = "select p.transaction_id, p.sequence, p.occurred_at, p.direction, p.amount, "
			+ "t.description from read_model.postings p left join read_model.transactions t "
			+ "on t.transaction_id = p.transaction_id where p.ledger_id = ? and p.account_code = ? "
			+ "and p.status = 'posted' %s order by p.occurred_at, p.sequence, p.ordinal limit ?";

	private static final String PROGRESS = "select coalesce((select last_sequence from read_model.ledger_progress "
			+ "where ledger_id = ?), 0)";

	/** Postgres' SQLSTATE for a statement cancelled by {@code statement_timeout}. */
	private static final String QUERY_CANCELED = "57014";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate snapshots;

	private final ReportSettings settings;

	private final LedgerScope scope;

	Books(JdbcTemplate jdbc, PlatformTransactionManager transactions, ReportSettings settings, LedgerScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.settings = settings;
		this.snapshots = new TransactionTemplate(transactions);
		this.snapshots.setReadOnly(true);
		this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** One account's totals now ({@code asOf} null) or at an effective time; empty when it does not exist. */
	Optional<Projected<AccountTotals>> account(UUID ledgerId, String code, Instant asOf) {
		return single(snapshot(ledgerId, () -> accounts(ledgerId, code, asOf, 1)));
	}

	/** Every account of the ledger with its totals now ({@code asOf} null) or at an effective time, by code. */
	Projected<List<AccountTotals>> accounts(UUID ledgerId, Instant asOf) {
		return snapshot(ledgerId, () -> bounded(accounts(ledgerId, null, asOf, settings.accountsMax() + 1)));
	}

	/**
	 * Revenue and expense accounts with their posted debits and credits within {@code [from, to)} (either bound
	 * may be null: unbounded). Pending totals are zero.
	 */
	Projected<List<AccountTotals>> movements(UUID ledgerId, Instant from, Instant to) {
		return snapshot(ledgerId, () -> {
			List<Object> args = new ArrayList<>(List.of(ledgerId));
			String bounds = period("p", from, to, args);
			args.add(ledgerId);
			args.add(settings.accountsMax() + 1);
			return bounded(jdbc.query(MOVEMENTS.formatted(bounds), Books::totals, args.toArray()));
		});
	}

	/** The account, its posted debits and credits before {@code from}, and its posted legs within the period. */
	record StatementRows(AccountTotals account, BigDecimal openingDebits, BigDecimal openingCredits,
			List<Statement.Movement> movements) {
	}

	Optional<Projected<StatementRows>> statement(UUID ledgerId, String code, Instant from, Instant to) {
		Projected<Optional<StatementRows>> read = snapshot(ledgerId, () -> {
			Optional<AccountTotals> account = accounts(ledgerId, code, null, 1).stream().findFirst();
			if (account.isEmpty()) {
				return Optional.<StatementRows>empty();
			}
			BigDecimal[] opening = { BigDecimal.ZERO, BigDecimal.ZERO };
			if (from != null) {
				jdbc.query(OPENING, rs -> {
					opening[0] = rs.getBigDecimal(1);
					opening[1] = rs.getBigDecimal(2);
				}, ledgerId, code, timestamp(from));
			}
			List<Object> args = new ArrayList<>(List.of(ledgerId, code));
			String bounds = period("p", from, to, args);
			int max = settings.statementEntriesMax();
			args.add(max + 1);
			List<Statement.Movement> movements = jdbc.query(ENTRIES.formatted(bounds),
					(rs, i) -> new Statement.Movement(rs.getObject(1, UUID.class), rs.getLong(2), instant(rs, 3),
							rs.getString(6), Direction.fromWire(rs.getString(4)), rs.getBigDecimal(5)),
					args.toArray());
			if (movements.size() > max) {
				throw new ApiProblem(422, "statement-too-large", "Statement too large",
						"The period holds more than " + max + " entries; narrow it with from and to.",
						List.of(new ApiProblem.FieldError("from", "the period holds more than " + max + " entries")));
			}
			return Optional.of(new StatementRows(account.get(), opening[0], opening[1], movements));
		});
		return read.value().map(rows -> new Projected<>(rows, read.sequence()));
	}

	private List<AccountTotals> accounts(UUID ledgerId, String code, Instant asOf, int limit) {
		List<Object> args = new ArrayList<>();
		String sql;
		if (asOf == null) {
			args.add(ledgerId);
			if (code != null) {
				args.add(code);
			}
			sql = ACCOUNTS_NOW.formatted(code == null ? "" : "and a.code = ?");
		}
		else {
			args.add(ledgerId);
			args.add(timestamp(asOf));
			if (code != null) {
				args.add(code);
			}
			args.add(timestamp(asOf));
			args.add(ledgerId);
			if (code != null) {
				args.add(code);
			}
			sql = ACCOUNTS_AS_OF.formatted(code == null ? "" : "and p.account_code = ?",
					code == null ? "" : "and a.code = ?");
		}
		args.add(limit);
		return jdbc.query(sql, Books::totals, args.toArray());
	}

	private List<AccountTotals> bounded(List<AccountTotals> accounts) {
		if (accounts.size() > settings.accountsMax()) {
			throw new ApiProblem(422, "report-too-large", "Report too large", "The ledger has more than "
					+ settings.accountsMax() + " accounts, more than one report covers (laas.reports.accounts-max).",
					List.of());
		}
		return accounts;
	}

	private <T> Optional<Projected<T>> single(Projected<List<T>> found) {
		return found.value().stream().findFirst().map(v -> new Projected<>(v, found.sequence()));
	}

	/** Runs {@code work} and reads the projection's sequence in one read-only snapshot. */
	private <T> Projected<T> snapshot(UUID ledgerId, Supplier<T> work) {
		try {
			return snapshots.execute(status -> {
				scope.enter(ledgerId);
				jdbc.execute("set local statement_timeout = " + settings.queryTimeoutMs());
				long sequence = jdbc.queryForObject(PROGRESS, Long.class, ledgerId);
				return new Projected<>(work.get(), sequence);
			});
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
		catch (DataAccessException ex) {
			if (cancelled(ex)) {
				throw new ApiProblem(503, "query-timeout", "Query timed out", "The read took longer than "
						+ settings.queryTimeoutMs() + " ms; narrow the period or retry.", List.of());
			}
			throw ex;
		}
	}

	private static boolean cancelled(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/** Appends {@code and <alias>.occurred_at >= ? [and ... < ?]} for the bounds given, and binds them. */
	private static String period(String alias, Instant from, Instant to, List<Object> args) {
		StringBuilder sql = new StringBuilder();
		if (from != null) {
			sql.append(" and ").append(alias).append(".occurred_at >= ?");
			args.add(timestamp(from));
		}
		if (to != null) {
			sql.append(" and ").append(alias).append(".occurred_at < ?");
			args.add(timestamp(to));
		}
		return sql.toString();
	}

	private static AccountTotals totals(ResultSet rs, int row) throws SQLException {
		String type = rs.getString(3);
		return new AccountTotals(rs.getString(1), rs.getString(2),
				AccountType.fromWire(type)
					.orElseThrow(() -> new IllegalStateException("read model has account type '" + type + "'")),
				rs.getString(4), rs.getString(5),
				new Balances(rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
