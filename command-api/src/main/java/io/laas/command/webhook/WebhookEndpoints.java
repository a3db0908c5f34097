package io.laas.command.webhook;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.ledger.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;
import io.laas.events.EventSerde;
import io.laas.events.EventType;

/** The webhook_endpoints table, always scoped by ledger: what both the API and the dashboard routes use. */
@Component
class WebhookEndpoints {

	static final int ENDPOINTS_PER_LEDGER_MAX = 50;

	static final int URL_LENGTH_MAX = 2048;

	private static final SecureRandom random = new SecureRandom();

	private static final String COLUMNS = "id, url, description, event_types, enabled, disabled_reason, created_at, "
			+ "updated_at, previous_secret_expires_at";

	private final JdbcTemplate jdbc;

	private final boolean allowHttp;

	private final LedgerScope scope;

	WebhookEndpoints(JdbcTemplate jdbc, LedgerScope scope,
			@Value("${laas.webhooks.allow-http:false}") boolean allowHttp) {
		this.jdbc = jdbc;
		this.scope = scope;
		this.allowHttp = allowHttp;
	}

	record Change(String url, String description, List<String> eventTypes, Boolean enabled) {
	}

	Map<String, Object> create(UUID ledgerId, Change body) {
		return scope.call(ledgerId, () -> {
			String url = url(RequestLimits.required(body.url(), "url"));
			Integer count = jdbc.queryForObject("select count(*) from webhook_endpoints where ledger_id = ?", Integer.class,
					ledgerId);
			if (count != null && count >= ENDPOINTS_PER_LEDGER_MAX) {
				throw ApiProblem.invalid("url", "a ledger has at most " + ENDPOINTS_PER_LEDGER_MAX + " endpoints");
			}
			UUID id = Ids.next();
			String secret = newSecret();
			jdbc.update("insert into webhook_endpoints (id, ledger_id, url, description, event_types, secret) "
					+ "values (?, ?, ?, ?, ?::text[], ?)", id, ledgerId, url,
					orEmpty(RequestLimits.text(body.description(), "description", 500, false)),
					arrayLiteral(eventTypes(body.eventTypes())), secret);
			Map<String, Object> created = get(ledgerId, id);
			created.put("secret", secret);
			return created;
		});
	}

	List<Map<String, Object>> list(UUID ledgerId) {
		return scope.call(ledgerId, () -> {
			return jdbc.queryForList("select " + COLUMNS + " from webhook_endpoints where ledger_id = ? order by created_at",
					ledgerId).stream().map(WebhookEndpoints::shape).toList();
		});
	}

	Map<String, Object> get(UUID ledgerId, UUID id) {
		return scope.call(ledgerId, () -> {
			List<Map<String, Object>> found = jdbc.queryForList("select " + COLUMNS + " from webhook_endpoints "
					+ "where ledger_id = ? and id = ?", ledgerId, id);
			if (found.isEmpty()) {
				throw ApiProblem.notFound("Webhook endpoint " + id);
			}
			return shape(found.get(0));
		});
	}

	Map<String, Object> update(UUID ledgerId, UUID id, Change body) {
		return scope.call(ledgerId, () -> {
			get(ledgerId, id);
			if (body.url() != null) {
				jdbc.update("update webhook_endpoints set url = ?, updated_at = now() where id = ?", url(body.url()), id);
			}
			if (body.description() != null) {
				jdbc.update("update webhook_endpoints set description = ?, updated_at = now() where id = ?",
						RequestLimits.text(body.description(), "description", 500, false), id);
			}
			if (body.eventTypes() != null) {
				jdbc.update("update webhook_endpoints set event_types = ?::text[], updated_at = now() where id = ?",
						arrayLiteral(eventTypes(body.eventTypes())), id);
			}
			if (body.enabled() != null) {
				jdbc.update("update webhook_endpoints set enabled = ?, disabled_reason = case when ? then null else "
						+ "'disabled by a user' end, updated_at = now() where id = ?", body.enabled(), body.enabled(), id);
			}
			return get(ledgerId, id);
		});
	}

	void delete(UUID ledgerId, UUID id) {
		scope.run(ledgerId, () -> {
			if (jdbc.update("delete from webhook_endpoints where ledger_id = ? and id = ?", ledgerId, id) == 0) {
				throw ApiProblem.notFound("Webhook endpoint " + id);
			}
		});
	}

	/** A new secret; the previous one keeps signing alongside it for 24 hours, so receivers can switch over. */
	Map<String, Object> rotateSecret(UUID ledgerId, UUID id) {
		return scope.call(ledgerId, () -> {
			get(ledgerId, id);
			String secret = newSecret();
			jdbc.update("update webhook_endpoints set previous_secret = secret, previous_secret_expires_at = now() + "
					+ "interval '24 hours', secret = ?, updated_at = now() where id = ?", secret, id);
			Map<String, Object> endpoint = get(ledgerId, id);
			endpoint.put("secret", secret);
			return endpoint;
		});
	}

	Map<String, Object> revealSecret(UUID ledgerId, UUID id) {
		return scope.call(ledgerId, () -> {
			get(ledgerId, id);
			return Map.of("secret", jdbc.queryForObject("select secret from webhook_endpoints where id = ?", String.class, id));
		});
	}

	/** Queues a {@code webhook.test} delivery for the dispatcher; it is signed and retried like any other. */
	Map<String, Object> sendTest(UUID ledgerId, UUID id) {
		return scope.call(ledgerId, () -> {
			get(ledgerId, id);
			UUID deliveryId = Ids.next();
			UUID eventId = Ids.next();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", "webhook.test");
			body.put("timestamp", java.time.Instant.now().toString());
			body.put("data", Map.of("event_id", eventId.toString(), "ledger_id", ledgerId.toString(), "endpoint_id",
					id.toString(), "message", "A test event from LaaS."));
			try {
				jdbc.update("insert into webhooks.deliveries (id, ledger_id, endpoint_id, event_id, event_type, sequence, "
						+ "body, status, next_attempt_at, created_at, updated_at) values (?, ?, ?, ?, 'webhook.test', "
						+ "greatest(1, (select last_sequence from ledgers where id = ?)), ?::jsonb, 'pending', now(), now(), "
						+ "now())", deliveryId, ledgerId, id, eventId, ledgerId,
						EventSerde.mapper().writeValueAsString(body));
			}
			catch (BadSqlGrammarException ex) {
				throw new ApiProblem(503, "dispatcher-unavailable", "Webhook dispatcher unavailable",
						"The webhook-dispatcher has not created its tables yet; start it and retry.", List.of());
			}
			return Map.of("delivery_id", deliveryId, "event_id", eventId);
		});
	}

	record Redeliver(String from, String to, String status) {
	}

	/**
	 * Sends again every finished, unsuccessful delivery of the endpoint created in [from, to): status
	 * {@code failed}, {@code dead}, or both when not given. Pending ones are left to their schedule.
	 */
	Map<String, Object> redeliver(UUID ledgerId, UUID id, Redeliver body) {
		return scope.call(ledgerId, () -> {
			get(ledgerId, id);
			Redeliver range = body == null ? new Redeliver(null, null, null) : body;
			if (range.status() != null && !List.of("failed", "dead").contains(range.status())) {
				throw ApiProblem.invalid("status", "must be 'failed' or 'dead'");
			}
			java.time.Instant from = RequestLimits.timestamp(range.from(), "from");
			java.time.Instant to = RequestLimits.timestamp(range.to(), "to");
			try {
				int count = jdbc.update("update webhooks.deliveries set status = 'pending', next_attempt_at = now(), "
						+ "retry_step = 0, updated_at = now() where ledger_id = ? and endpoint_id = ? "
						+ "and status in ('failed', 'dead') and (?::text is null or status = ?) "
						+ "and created_at >= coalesce(?, '-infinity'::timestamptz) "
						+ "and created_at < coalesce(?, 'infinity'::timestamptz)", ledgerId, id, range.status(),
						range.status(), from == null ? null : java.sql.Timestamp.from(from),
						to == null ? null : java.sql.Timestamp.from(to));
				return Map.of("redelivering", count);
			}
			catch (BadSqlGrammarException ex) {
				throw new ApiProblem(503, "dispatcher-unavailable", "Webhook dispatcher unavailable",
						"The webhook-dispatcher has not created its tables yet; start it and retry.", List.of());
			}
		});
	}

	private String url(String text) {
		if (text.length() > URL_LENGTH_MAX) {
			throw ApiProblem.invalid("url", "must be at most " + URL_LENGTH_MAX + " characters");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw ApiProblem.invalid("url", "is not a URL");
		}
		String scheme = uri.getScheme();
		if (uri.getHost() == null || scheme == null || !(scheme.equals("https") || (allowHttp && scheme.equals("http")))) {
			throw ApiProblem.invalid("url", allowHttp ? "must be an absolute http(s) URL" : "must be an absolute https URL");
		}
		if (uri.getUserInfo() != null) {
			throw ApiProblem.invalid("url", "must not contain credentials");
		}
		return text;
	}

	private static List<String> eventTypes(List<String> requested) {
		if (requested == null) {
			return List.of();
		}
		List<String> checked = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			String type = requested.get(i);
			try {
				checked.add(EventType.ofWireName(type).wireName());
			}
			catch (RuntimeException ex) {
				throw ApiProblem.invalid("event_types[" + i + "]", "is not an event type (see docs/events.md)");
			}
		}
		return checked;
	}

	private static String arrayLiteral(List<String> values) {
		// Event type names are validated above: lower-case letters, dots and underscores only.
		return "{" + String.join(",", values) + "}";
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return "whsec_" + Base64.getEncoder().encodeToString(bytes);
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

	private static Map<String, Object> shape(Map<String, Object> row) {
		Map<String, Object> shaped = new LinkedHashMap<>(row);
		Object types = row.get("event_types");
		try {
			shaped.put("event_types", types instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : types);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return shaped;
	}

}
