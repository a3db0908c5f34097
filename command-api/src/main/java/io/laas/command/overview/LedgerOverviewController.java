package io.laas.command.overview;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.account.ProjectedAccounts;
import io.laas.command.ledger.Money;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.web.Pages;
import io.laas.events.EventSerde;

/** A ledger's overview and its event log, for the dashboard. */
@RestController
class LedgerOverviewController {

	private final Access access;

	private final JdbcTemplate jdbc;

	LedgerOverviewController(Access access, JdbcTemplate jdbc) {
		this.access = access;
		this.jdbc = jdbc;
	}

	@GetMapping("/api/ledgers/{ledgerId}/overview")
	Map<String, Object> overview(@PathVariable UUID ledgerId, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		try {
			long lastSequence = jdbc.queryForObject("select last_sequence from ledgers where id = ?", Long.class,
					ledgerId);
			List<Map<String, Object>> progress = jdbc.queryForList("select last_sequence, last_recorded_at from "
					+ "read_model.ledger_progress where ledger_id = ?", ledgerId);
			long projected = progress.isEmpty() ? 0 : ((Number) progress.get(0).get("last_sequence")).longValue();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("totals", jdbc.query("select currency, sum(debits_posted), sum(credits_posted) from "
					+ "read_model.accounts where ledger_id = ? group by currency order by currency",
					(rs, i) -> Map.of("currency", rs.getString(1), "debits", Money.format(rs.getBigDecimal(2),
							rs.getString(1)), "credits", Money.format(rs.getBigDecimal(3), rs.getString(1))),
					ledgerId));
			body.put("drift", drift(ledgerId, lastSequence, projected));
			body.put("last_sequence", lastSequence);
			body.put("projected_sequence", projected);
			body.put("projection_lag_ms", projected >= lastSequence ? 0 : lagMs(ledgerId, projected));
			body.put("recent_transactions", jdbc.queryForList("select transaction_id as id, sequence, status, "
					+ "description, occurred_at, postings::text as postings from read_model.transactions "
					+ "where ledger_id = ? order by sequence desc limit 10", ledgerId)
				.stream()
				.map(row -> {
					Map<String, Object> copy = new LinkedHashMap<>(row);
					copy.put("postings", EventSerde.mapper().readTree((String) row.get("postings")));
					return copy;
				})
				.toList());
			return body;
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
	}

	/**
	 * Drift check: when the projection has caught up with the write side, every account's four totals must be
	 * equal on both sides. Anything else is drift (a bug or a tampered table) and is shown, never hidden.
	 */
	private Map<String, Object> drift(UUID ledgerId, long lastSequence, long projected) {
		Map<String, Object> drift = new LinkedHashMap<>();
		drift.put("checked_at", java.time.Instant.now());
		if (projected != lastSequence) {
			drift.put("status", "unknown");
			drift.put("detail", "the projection is at " + projected + " of " + lastSequence);
			return drift;
		}
		Integer mismatched = jdbc.queryForObject("select count(*) from accounts w full join read_model.accounts r "
				+ "on r.ledger_id = w.ledger_id and r.code = w.code where (w.ledger_id = ? or r.ledger_id = ?) and ("
				+ "w.code is null or r.code is null or w.debits_posted <> r.debits_posted or "
				+ "w.credits_posted <> r.credits_posted or w.debits_pending <> r.debits_pending or "
				+ "w.credits_pending <> r.credits_pending)", Integer.class, ledgerId, ledgerId);
		drift.put("status", mismatched == null || mismatched == 0 ? "ok" : "drift");
		drift.put("mismatched_accounts", mismatched);
		return drift;
	}

	private long lagMs(UUID ledgerId, long projected) {
		List<java.sql.Timestamp> next = jdbc.queryForList("select recorded_at from events where ledger_id = ? "
				+ "and sequence = ?", java.sql.Timestamp.class, ledgerId, projected + 1);
		return next.isEmpty() ? 0 : Math.max(0, System.currentTimeMillis() - next.get(0).getTime());
	}

	@GetMapping("/api/ledgers/{ledgerId}/events")
	Map<String, Object> events(@PathVariable UUID ledgerId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		int pageSize = Pages.limit(limit);
		List<Map<String, Object>> rows = jdbc.queryForList("select id as event_id, sequence, event_type, "
				+ "schema_version, aggregate_type, aggregate_id, occurred_at, recorded_at, payload::text as payload "
				+ "from events where ledger_id = ? and sequence < ? order by sequence desc limit ?", ledgerId,
				Pages.longPosition(cursor), pageSize)
			.stream()
			.map(row -> {
				Map<String, Object> copy = new LinkedHashMap<>(row);
				copy.put("payload", EventSerde.mapper().readTree((String) row.get("payload")));
				return copy;
			})
			.toList();
		return Pages.of(rows, pageSize, row -> row.get("sequence"));
	}


}
