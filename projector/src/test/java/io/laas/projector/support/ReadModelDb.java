package io.laas.projector.support;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.laas.infra.TestInfra;
import io.laas.projector.support.ReferenceLedger.Totals;

/** Reads the read model the way command-api will: plain SQL on the documented tables. */
public final class ReadModelDb {

	private final JdbcTemplate jdbc;

	public ReadModelDb() {
		this(TestInfra.get().jdbcUrl());
	}

	/** The read model of another database of the test server (see {@link OwnDatabase}). */
	public ReadModelDb(String jdbcUrl) {
		TestInfra infra = TestInfra.get();
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, infra.postgres().user(),
				infra.postgres().password()));
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** The ledger's last applied sequence, 0 when the projector has not seen it. */
	public long lastSequence(UUID ledgerId) {
		List<Long> rows = this.jdbc.queryForList(
				"select last_sequence from read_model.ledger_progress where ledger_id = ?", Long.class, ledgerId);
		return rows.isEmpty() ? 0 : rows.get(0);
	}

	/** How many of these ledgers have reached the given last sequences. */
	public boolean allCaughtUp(Collection<LedgerScript> ledgers) {
		Map<UUID, Long> expected = new LinkedHashMap<>();
		ledgers.forEach((ledger) -> expected.put(ledger.ledgerId(), ledger.lastSequence()));
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"select ledger_id, last_sequence from read_model.ledger_progress where ledger_id = any(?::uuid[])",
				(Object) expected.keySet().stream().map(UUID::toString).toArray(String[]::new));
		long done = rows.stream()
			.filter((row) -> expected.get((UUID) row.get("ledger_id")).equals(((Number) row.get("last_sequence")).longValue()))
			.count();
		return done == expected.size();
	}

	public Totals totals(UUID ledgerId, String code) {
		return this.jdbc.queryForObject("select debits_posted, credits_posted, debits_pending, credits_pending "
				+ "from read_model.accounts where ledger_id = ? and code = ?",
				(rs, i) -> new Totals(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
				ledgerId, code);
	}

	/** The totals exactly as PostgreSQL prints them, e.g. {@code 0.30}: the scale is part of the check. */
	public List<String> totalsText(UUID ledgerId, String code) {
		return this.jdbc.queryForObject("select debits_posted::text, credits_posted::text, debits_pending::text, "
				+ "credits_pending::text from read_model.accounts where ledger_id = ? and code = ?",
				(rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), ledgerId, code);
	}

	public Map<String, Object> row(String sql, Object... args) {
		return this.jdbc.queryForMap(sql, args);
	}

	public List<Map<String, Object>> rows(String sql, Object... args) {
		return this.jdbc.queryForList(sql, args);
	}

	public long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count == null) ? 0 : count;
	}

	/**
	 * A fingerprint of every read-model row of these ledgers: per table, the row count and an md5 of all rows in
	 * key order. {@code applied_at} is left out: it is the wall-clock time of the apply, the only column that a
	 * replay cannot reproduce.
	 */
	public Map<String, String> fingerprint(Collection<UUID> ledgers) {
		String[] ids = ledgers.stream().map(UUID::toString).toArray(String[]::new);
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("ledger_progress", "select ledger_id, last_sequence, last_event_id, last_recorded_at, "
				+ "halted_sequence, halted_reason from read_model.ledger_progress t where %s order by ledger_id");
		tables.put("accounts", "select * from read_model.accounts t where %s order by ledger_id, code");
		tables.put("transactions", "select * from read_model.transactions t where %s order by transaction_id");
		tables.put("postings", "select * from read_model.postings t where %s order by transaction_id, ordinal, status");
		tables.put("transaction_history",
				"select * from read_model.transaction_history t where %s order by transaction_id, sequence");
		Map<String, String> fingerprint = new LinkedHashMap<>();
		tables.forEach((table, select) -> {
			String sql = "select count(*) || ' rows, md5 ' || coalesce(md5(string_agg(r::text, E'\\n')), '-') from ("
					+ select.formatted("t.ledger_id = any(?::uuid[])") + ") r";
			fingerprint.put(table, this.jdbc.queryForObject(sql, String.class, (Object) ids));
		});
		return fingerprint;
	}

	public static BigDecimal decimal(String value) {
		return new BigDecimal(value);
	}

}
