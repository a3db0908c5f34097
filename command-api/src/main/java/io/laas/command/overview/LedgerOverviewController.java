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
import io.laas.command.isolation.LedgerScope;
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

	private final DriftCheck drift;

	private final LedgerScope scope;

	LedgerOverviewController(Access access, JdbcTemplate jdbc, DriftCheck drift, LedgerScope scope) {
		this.access = access;
		this.jdbc = jdbc;
		this.drift = drift;
		this.scope = scope;
	}

	/** The drift check of the API key's ledger. */
	@GetMapping("/v1/health/ledger")
	Map<String, Object> ledgerHealth(HttpServletRequest request) {
		return drift.check(io.laas.command.apikey.ApiPrincipal.of(request).ledgerId());
	}

	@GetMapping("/api/ledgers/{ledgerId}/overview")
	Map<String, Object> overview(@PathVariable UUID ledgerId, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		try {
			return scope.call(ledgerId, () -> overviewScoped(ledgerId));
		}
		catch (BadSqlGrammarException ex) {
			throw ProjectedAccounts.notReady();
		}
	}

	private Map<String, Object> overviewScoped(UUID ledgerId) {
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
		body.put("drift", drift.check(ledgerId));
		body.put("last_sequence", lastSequence);
		body.put("projected_sequence", projected);
		body.put("projection_lag_ms", projected >= lastSequence ? 0 : lagMs(ledgerId, projected));
		body.put("recent_transactions", jdbc.queryForList("select transaction_id as id, sequence, status, "
				+ "external_id, description, metadata::text as metadata, occurred_at, recorded_at, "
				+ "reverses_transaction_id as reverses, reversed_by_transaction_id as reversed_by, "
				+ "postings::text as postings from read_model.transactions where ledger_id = ? "
				+ "order by sequence desc limit 10", ledgerId)
			.stream()
			.map(LedgerOverviewController::transaction)
			.toList());
		return body;
	}

	/** The same shape as the transaction list: JSON columns as JSON, timestamps with their microseconds. */
	private static Map<String, Object> transaction(Map<String, Object> row) {
		Map<String, Object> copy = new LinkedHashMap<>(row);
		copy.put("metadata", EventSerde.mapper().readTree((String) row.get("metadata")));
		copy.put("postings", EventSerde.mapper().readTree((String) row.get("postings")));
		copy.put("occurred_at", instant(row.get("occurred_at")));
		copy.put("recorded_at", instant(row.get("recorded_at")));
		return copy;
	}

	private static Object instant(Object value) {
		return value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : value;
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
		List<Map<String, Object>> rows = scope.call(ledgerId, () -> jdbc.queryForList("select id as event_id, sequence, event_type, "
				+ "schema_version, aggregate_type, aggregate_id, occurred_at, recorded_at, payload::text as payload "
				+ "from events where ledger_id = ? and sequence < ? order by sequence desc limit ?", ledgerId,
				Pages.longPosition(cursor), pageSize))
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
