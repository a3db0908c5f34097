package io.laas.command.webhook;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.isolation.LedgerScope;
import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.Pages;

/** The same endpoint operations for API keys ({@code /v1}) and dashboard sessions ({@code /api/ledgers/{id}}). */
@RestController
class WebhookController {

	private final WebhookEndpoints endpoints;

	private final Access access;

	private final JdbcTemplate jdbc;

	private final LedgerScope scope;

	WebhookController(WebhookEndpoints endpoints, Access access, JdbcTemplate jdbc, LedgerScope scope) {
		this.endpoints = endpoints;
		this.access = access;
		this.jdbc = jdbc;
		this.scope = scope;
	}

	// --- public API ---

	@PostMapping("/v1/webhook-endpoints")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@RequestBody WebhookEndpoints.Change body, HttpServletRequest request) {
		return endpoints.create(ApiPrincipal.of(request).ledgerId(), body);
	}

	@GetMapping("/v1/webhook-endpoints")
	Map<String, Object> list(HttpServletRequest request) {
		return Map.of("data", endpoints.list(ApiPrincipal.of(request).ledgerId()));
	}

	@GetMapping("/v1/webhook-endpoints/{id}")
	Map<String, Object> get(@PathVariable UUID id, HttpServletRequest request) {
		return endpoints.get(ApiPrincipal.of(request).ledgerId(), id);
	}

	@PatchMapping("/v1/webhook-endpoints/{id}")
	Map<String, Object> update(@PathVariable UUID id, @RequestBody WebhookEndpoints.Change body,
			HttpServletRequest request) {
		return endpoints.update(ApiPrincipal.of(request).ledgerId(), id, body);
	}

	@DeleteMapping("/v1/webhook-endpoints/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, HttpServletRequest request) {
		endpoints.delete(ApiPrincipal.of(request).ledgerId(), id);
	}

	@PostMapping("/v1/webhook-endpoints/{id}/rotate-secret")
	Map<String, Object> rotate(@PathVariable UUID id, HttpServletRequest request) {
		return endpoints.rotateSecret(ApiPrincipal.of(request).ledgerId(), id);
	}

	@GetMapping("/v1/webhook-endpoints/{id}/secret")
	Map<String, Object> secret(@PathVariable UUID id, HttpServletRequest request) {
		return endpoints.revealSecret(ApiPrincipal.of(request).ledgerId(), id);
	}

	@PostMapping("/v1/webhook-endpoints/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> test(@PathVariable UUID id, HttpServletRequest request) {
		return endpoints.sendTest(ApiPrincipal.of(request).ledgerId(), id);
	}

	@PostMapping("/v1/webhook-endpoints/{id}/redeliver")
	Map<String, Object> redeliverFailed(@PathVariable UUID id,
			@RequestBody(required = false) WebhookEndpoints.Redeliver body, HttpServletRequest request) {
		return endpoints.redeliver(ApiPrincipal.of(request).ledgerId(), id, body);
	}

	// --- dashboard ---

	@PostMapping("/api/ledgers/{ledgerId}/webhook-endpoints/{id}/redeliver")
	Map<String, Object> redeliverFailedForUser(@PathVariable UUID ledgerId, @PathVariable UUID id,
			@RequestBody(required = false) WebhookEndpoints.Redeliver body, HttpServletRequest request) {
		return endpoints.redeliver(ledger(ledgerId, request), id, body);
	}

	@PostMapping("/api/ledgers/{ledgerId}/webhook-endpoints")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> createForUser(@PathVariable UUID ledgerId, @RequestBody WebhookEndpoints.Change body,
			HttpServletRequest request) {
		return endpoints.create(ledger(ledgerId, request), body);
	}

	@GetMapping("/api/ledgers/{ledgerId}/webhook-endpoints")
	Map<String, Object> listForUser(@PathVariable UUID ledgerId, HttpServletRequest request) {
		return Map.of("data", endpoints.list(ledger(ledgerId, request)));
	}

	@PatchMapping("/api/ledgers/{ledgerId}/webhook-endpoints/{id}")
	Map<String, Object> updateForUser(@PathVariable UUID ledgerId, @PathVariable UUID id,
			@RequestBody WebhookEndpoints.Change body, HttpServletRequest request) {
		return endpoints.update(ledger(ledgerId, request), id, body);
	}

	@DeleteMapping("/api/ledgers/{ledgerId}/webhook-endpoints/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void deleteForUser(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		endpoints.delete(ledger(ledgerId, request), id);
	}

	@PostMapping("/api/ledgers/{ledgerId}/webhook-endpoints/{id}/rotate-secret")
	Map<String, Object> rotateForUser(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		return endpoints.rotateSecret(ledger(ledgerId, request), id);
	}

	@PostMapping("/api/ledgers/{ledgerId}/webhook-endpoints/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> testForUser(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		return endpoints.sendTest(ledger(ledgerId, request), id);
	}

	@GetMapping("/api/ledgers/{ledgerId}/webhook-deliveries")
	Map<String, Object> deliveries(@PathVariable UUID ledgerId,
			@RequestParam(name = "endpoint_id", required = false) UUID endpointId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, HttpServletRequest request) {
		UUID ledger = ledger(ledgerId, request);
		int pageSize = Pages.limit(limit);
		String before = Pages.instantPosition(cursor);
		try {
			return scope.call(ledger, () -> {
				List<Map<String, Object>> rows = jdbc.queryForList("select id, endpoint_id, event_id, event_type, sequence, "
						+ "status, attempts, last_status_code, last_error, last_latency_ms, next_attempt_at, created_at, "
						+ "updated_at from webhooks.deliveries where ledger_id = ? and (?::uuid is null or endpoint_id = ?) "
						+ "and (?::text is null or status = ?) and (?::text is null or created_at < ?::timestamptz) "
						+ "order by created_at desc limit ?", ledger, endpointId, endpointId, status, status, before,
						before, pageSize);
				return Pages.of(rows, pageSize, row -> ((java.sql.Timestamp) row.get("created_at")).toInstant());
			});
		}
		catch (BadSqlGrammarException ex) {
			throw dispatcherNotReady();
		}
	}

	@GetMapping("/api/ledgers/{ledgerId}/webhook-deliveries/{id}")
	Map<String, Object> delivery(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		UUID ledger = ledger(ledgerId, request);
		try {
			return scope.call(ledger, () -> {
				List<Map<String, Object>> found = jdbc.queryForList("select id, endpoint_id, event_id, event_type, sequence, "
						+ "status, attempts, last_status_code, last_error, last_latency_ms, next_attempt_at, created_at, "
						+ "body::text as body from webhooks.deliveries where ledger_id = ? and id = ?", ledger, id);
				if (found.isEmpty()) {
					throw ApiProblem.notFound("Delivery " + id);
				}
				Map<String, Object> delivery = new java.util.LinkedHashMap<>(found.get(0));
				String body = (String) delivery.get("body");
				delivery.put("body", json(body));
				// The list shows a count; the detail the attempts themselves, each with what was sent.
				delivery.put("attempt_count", delivery.get("attempts"));
				delivery.put("attempts", jdbc.queryForList("select attempt, at, url, request_headers::text as "
						+ "request_headers, status_code, response_excerpt, latency_ms, error from webhooks.delivery_attempts "
						+ "where delivery_id = ? order by attempt", id)
					.stream()
					.map(attempt -> {
						Map<String, Object> copy = new java.util.LinkedHashMap<>(attempt);
						copy.put("request_headers", json((String) attempt.get("request_headers")));
						copy.put("request_body", body);
						return copy;
					})
					.toList());
				return delivery;
			});
		}
		catch (BadSqlGrammarException ex) {
			throw dispatcherNotReady();
		}
	}

	/**
	 * Sends a finished delivery again from now; the dispatcher's workers pick it up. A pending one is left alone:
	 * a worker may be sending it right now, and resetting it would send it twice.
	 */
	@PostMapping("/api/ledgers/{ledgerId}/webhook-deliveries/{id}/redeliver")
	Map<String, Object> redeliver(@PathVariable UUID ledgerId, @PathVariable UUID id, HttpServletRequest request) {
		UUID ledger = ledger(ledgerId, request);
		try {
			return scope.call(ledger, () -> {
				int updated = jdbc.update("update webhooks.deliveries set status = 'pending', next_attempt_at = now(), "
						+ "retry_step = 0, updated_at = now() where ledger_id = ? and id = ? and status <> 'pending'", ledger, id);
				if (updated == 0) {
					Integer exists = jdbc.queryForObject("select count(*) from webhooks.deliveries where ledger_id = ? "
							+ "and id = ?", Integer.class, ledger, id);
					if (exists == null || exists == 0) {
						throw ApiProblem.notFound("Delivery " + id);
					}
				}
				return Map.of("id", id, "status", "pending");
			});
		}
		catch (BadSqlGrammarException ex) {
			throw dispatcherNotReady();
		}
	}

	private static Object json(String text) {
		return text == null ? null : io.laas.events.EventSerde.mapper().readTree(text);
	}

	private UUID ledger(UUID ledgerId, HttpServletRequest request) {
		return access.ledger(UserPrincipal.of(request).userId(), ledgerId).id();
	}

	private static ApiProblem dispatcherNotReady() {
		return new ApiProblem(503, "dispatcher-unavailable", "Webhook dispatcher unavailable",
				"The webhook-dispatcher has not created its tables yet; start it and retry.", List.of());
	}

}
