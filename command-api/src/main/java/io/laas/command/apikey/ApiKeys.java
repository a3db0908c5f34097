package io.laas.command.apikey;

import io.laas.command.ledger.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The api_keys table: creation (raw key returned once), lookup by hash, revocation. */
@Component
public class ApiKeys {

	/** A key as just created: the only moment the raw key exists outside the caller's hands. */
	public record Created(UUID id, String prefix, String rawKey, String scope, Instant createdAt, Instant expiresAt) {
	}

	private final JdbcTemplate jdbc;

	private final ApiKeyHasher hasher;

	public ApiKeys(JdbcTemplate jdbc, ApiKeyHasher hasher) {
		this.jdbc = jdbc;
		this.hasher = hasher;
	}

	public Created create(UUID orgId, UUID ledgerId, String description, boolean readOnly, Instant expiresAt) {
		return createWithRawKey(orgId, ledgerId, description, readOnly, expiresAt, ApiKeyHasher.newRawKey());
	}

	/** For the dev stack, which prints a key chosen before the services start. */
	public Created createWithRawKey(UUID orgId, UUID ledgerId, String description, boolean readOnly,
			Instant expiresAt, String rawKey) {
		UUID id = Ids.next();
		String scope = readOnly ? "read_only" : "read_write";
		Instant createdAt = jdbc.queryForObject("insert into api_keys (id, org_id, ledger_id, prefix, key_hash, "
				+ "description, scope, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning created_at",
				(rs, i) -> rs.getTimestamp(1).toInstant(), id, orgId, ledgerId, ApiKeyHasher.prefixOf(rawKey),
				hasher.hash(rawKey), description == null ? "" : description, scope,
				expiresAt == null ? null : Timestamp.from(expiresAt));
		return new Created(id, ApiKeyHasher.prefixOf(rawKey), rawKey, scope, createdAt, expiresAt);
	}

	/**
	 * How long a successful lookup is reused. Revocation through this instance evicts at once; another instance
	 * sees it within this time. Short enough to count as immediate, long enough to take the lookup off the hot path.
	 */
	static final long CACHE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1000);

	private record Cached(ApiPrincipal principal, long validUntilNanos) {
	}

	private final java.util.Map<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

	/** The key's principal, if the key exists and is neither revoked nor expired. */
	public Optional<ApiPrincipal> authenticate(String rawKey) {
		String hash = hasher.hash(rawKey);
		long now = System.nanoTime();
		Cached cached = recent.get(hash);
		if (cached != null && now - cached.validUntilNanos() < 0) {
			return Optional.of(cached.principal());
		}
		Optional<ApiPrincipal> principal = lookup(hash);
		if (principal.isPresent()) {
			if (recent.size() > 10_000) {
				recent.clear();
			}
			recent.put(hash, new Cached(principal.get(), now + CACHE_NANOS));
		}
		else {
			recent.remove(hash);
		}
		return principal;
	}

	/** Forgets cached lookups of a key, e.g. right after revoking it. */
	public void evict(UUID keyId) {
		recent.values().removeIf(c -> c.principal().keyId().equals(keyId));
	}

	private Optional<ApiPrincipal> lookup(String hash) {
		List<ApiPrincipal> found = jdbc.query("select id, org_id, ledger_id, scope from api_keys where key_hash = ? "
				+ "and revoked_at is null and (expires_at is null or expires_at > now())",
				(rs, i) -> new ApiPrincipal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), "read_only".equals(rs.getString(4))),
				hash);
		return found.stream().findFirst();
	}

	/** Best effort and coarse (once a minute per key): a write per request would double the load of reads. */
	public void touch(UUID keyId) {
		jdbc.update("update api_keys set last_used_at = now() where id = ? "
				+ "and (last_used_at is null or last_used_at < now() - interval '1 minute')", keyId);
	}

}
