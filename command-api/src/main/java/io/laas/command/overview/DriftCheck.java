package io.laas.command.overview;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.laas.command.isolation.LedgerScope;

import io.laas.command.ledger.Money;

/**
 * Proves, per ledger and currency, that the write side, the read side and the postings agree: Σ write-side account
 * totals = Σ read-model account totals = Σ projected postings, and debits = credits. Only meaningful once the
 * projection has caught up (status {@code unknown} before). Any drift is a gauge and an ERROR log line.
 */
@Component
public class DriftCheck {

	private static final Logger log = LoggerFactory.getLogger(DriftCheck.class);

	private static final int LEDGERS_PER_RUN_MAX = 1000;

	private final JdbcTemplate jdbc;

	private final AtomicInteger ledgersInDrift = new AtomicInteger();

	private final LedgerScope scope;

	public DriftCheck(JdbcTemplate jdbc, LedgerScope scope, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.scope = scope;
		Gauge.builder("laas.ledger.drift.ledgers", ledgersInDrift, AtomicInteger::get)
			.description("ledgers whose write side, read side and postings disagree (last scheduled check)")
			.register(meters);
	}

	/** The check of one ledger, in a transaction scoped to it (joining the caller's scope of the same ledger). */
	public Map<String, Object> check(UUID ledgerId) {
		return scope.call(ledgerId, () -> checkScoped(ledgerId));
	}

	private Map<String, Object> checkScoped(UUID ledgerId) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("ledger_id", ledgerId);
		report.put("checked_at", Instant.now());
		long lastSequence = jdbc.queryForObject("select last_sequence from ledgers where id = ?", Long.class, ledgerId);
		List<Long> progress;
		try {
			progress = jdbc.queryForList("select last_sequence from read_model.ledger_progress where ledger_id = ?",
					Long.class, ledgerId);
		}
		catch (BadSqlGrammarException ex) {
			report.put("status", "unknown");
			report.put("detail", "the read model does not exist yet");
			return report;
		}
		long projected = progress.isEmpty() ? 0 : progress.get(0);
		report.put("last_sequence", lastSequence);
		report.put("projected_sequence", projected);
		if (projected != lastSequence) {
			report.put("status", "unknown");
			report.put("detail", "the projection is at " + projected + " of " + lastSequence + "; check again shortly");
			return report;
		}
		Integer mismatched = jdbc.queryForObject("select count(*) from (select * from accounts where ledger_id = ?) w "
				+ "full join (select * from read_model.accounts where ledger_id = ?) r on r.code = w.code "
				+ "where w.code is null or r.code is null or w.debits_posted <> r.debits_posted "
				+ "or w.credits_posted <> r.credits_posted or w.debits_pending <> r.debits_pending "
				+ "or w.credits_pending <> r.credits_pending", Integer.class, ledgerId, ledgerId);
		List<Map<String, Object>> currencies = jdbc.query("select c.currency, "
				+ "(select coalesce(sum(debits_posted), 0) from accounts where ledger_id = ? and currency = c.currency), "
				+ "(select coalesce(sum(credits_posted), 0) from accounts where ledger_id = ? and currency = c.currency), "
				+ "(select coalesce(sum(debits_posted), 0) from read_model.accounts where ledger_id = ? and currency = c.currency), "
				+ "(select coalesce(sum(credits_posted), 0) from read_model.accounts where ledger_id = ? and currency = c.currency), "
				+ "(select coalesce(sum(amount), 0) from read_model.postings where ledger_id = ? and currency = c.currency "
				+ "and status = 'posted' and direction = 'debit'), "
				+ "(select coalesce(sum(amount), 0) from read_model.postings where ledger_id = ? and currency = c.currency "
				+ "and status = 'posted' and direction = 'credit') "
				+ "from (select distinct currency from accounts where ledger_id = ?) c order by c.currency", (rs, i) -> {
					String currency = rs.getString(1);
					BigDecimal[] sums = new BigDecimal[6];
					for (int k = 0; k < 6; k++) {
						sums[k] = rs.getBigDecimal(k + 2);
					}
					boolean agree = sums[0].compareTo(sums[2]) == 0 && sums[2].compareTo(sums[4]) == 0
							&& sums[1].compareTo(sums[3]) == 0 && sums[3].compareTo(sums[5]) == 0;
					boolean balanced = sums[0].compareTo(sums[1]) == 0;
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("currency", currency);
					row.put("write_side", Map.of("debits", Money.format(sums[0], currency), "credits",
							Money.format(sums[1], currency)));
					row.put("read_side", Map.of("debits", Money.format(sums[2], currency), "credits",
							Money.format(sums[3], currency)));
					row.put("postings", Map.of("debits", Money.format(sums[4], currency), "credits",
							Money.format(sums[5], currency)));
					row.put("sides_agree", agree);
					row.put("debits_equal_credits", balanced);
					return row;
				}, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId, ledgerId);
		boolean ok = mismatched != null && mismatched == 0 && currencies.stream()
			.allMatch(c -> Boolean.TRUE.equals(c.get("sides_agree")) && Boolean.TRUE.equals(c.get("debits_equal_credits")));
		report.put("status", ok ? "ok" : "drift");
		report.put("mismatched_accounts", mismatched);
		report.put("currencies", currencies);
		return report;
	}

	/** Every ledger with events (up to a bound), each in its own scope: ledgers has no row-level security. */
	@Scheduled(fixedDelayString = "${laas.drift.check-interval-ms:60000}", initialDelay = 30_000)
	void checkAll() {
		int drifting = 0;
		for (UUID ledgerId : jdbc.queryForList("select id from ledgers where last_sequence > 0 order by id limit "
				+ LEDGERS_PER_RUN_MAX, UUID.class)) {
			Map<String, Object> report = check(ledgerId);
			if ("drift".equals(report.get("status"))) {
				drifting++;
				log.error("LEDGER DRIFT in {}: write side, read side and postings disagree: {}", ledgerId, report);
			}
		}
		ledgersInDrift.set(drifting);
	}

}
