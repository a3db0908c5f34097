package io.laas.command.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.session.UserPrincipal;
import io.laas.command.tenancy.Access;
import io.laas.command.tenancy.AuditLog;
import io.laas.command.tenancy.Tenants;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;

/** API keys of a ledger, managed from the dashboard: list, create (raw key shown once), revoke. */
@RestController
class ApiKeyController {

	private final ApiKeys keys;

	private final Access access;

	private final JdbcTemplate jdbc;

	private final AuditLog audit;

	ApiKeyController(ApiKeys keys, Access access, JdbcTemplate jdbc, AuditLog audit) {
		this.keys = keys;
		this.access = access;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	record CreateKey(String description, String scope, String expiresAt) {
	}

	@GetMapping("/api/ledgers/{ledgerId}/api-keys")
	Map<String, Object> list(@PathVariable UUID ledgerId, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return Map.of("data", jdbc.queryForList("select id, prefix, description, scope, created_at, expires_at, "
				+ "last_used_at, revoked_at from api_keys where ledger_id = ? order by created_at desc", ledgerId));
	}

	@PostMapping("/api/ledgers/{ledgerId}/api-keys")
	@ResponseStatus(HttpStatus.CREATED)
	@org.springframework.transaction.annotation.Transactional
	ApiKeys.Created create(@PathVariable UUID ledgerId, @RequestBody CreateKey body, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		Tenants.Ledger ledger = access.ledger(me.userId(), ledgerId);
		String scope = body.scope() == null ? "read_write" : body.scope();
		if (!"read_write".equals(scope) && !"read_only".equals(scope)) {
			throw ApiProblem.invalid("scope", "must be 'read_write' or 'read_only'");
		}
		Instant expiresAt = RequestLimits.timestamp(body.expiresAt(), "expires_at");
		if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
			throw ApiProblem.invalid("expires_at", "must be in the future");
		}
		String description = RequestLimits.text(body.description(), "description", 200, false);
		ApiKeys.Created created = keys.create(ledger.orgId(), ledgerId, description, "read_only".equals(scope),
				expiresAt);
		audit.record(ledger.orgId(), me.userId(), me.email(), "api_key.created", created.id().toString(),
				Map.of("ledger_id", ledgerId.toString(), "scope", scope, "prefix", created.prefix()));
		return created;
	}

	@PostMapping("/api/api-keys/{keyId}/revoke")
	@org.springframework.transaction.annotation.Transactional
	Map<String, Object> revoke(@PathVariable UUID keyId, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		List<UUID> ledgers = jdbc.queryForList("select ledger_id from api_keys where id = ?", UUID.class, keyId);
		if (ledgers.isEmpty()) {
			throw ApiProblem.notFound("API key " + keyId);
		}
		Tenants.Ledger ledger = access.ledger(me.userId(), ledgers.get(0));
		jdbc.update("update api_keys set revoked_at = coalesce(revoked_at, now()) where id = ?", keyId);
		keys.evict(keyId);
		audit.record(ledger.orgId(), me.userId(), me.email(), "api_key.revoked", keyId.toString(), Map.of());
		return jdbc.queryForMap("select id, prefix, description, scope, created_at, expires_at, last_used_at, "
				+ "revoked_at from api_keys where id = ?", keyId);
	}

}
