package io.laas.command.apikey;

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
		UUID id = UUID.randomUUID();
		String scope = readOnly ? "read_only" : "read_write";
		Instant createdAt = jdbc.queryForObject("insert into api_keys (id, org_id, ledger_id, prefix, key_hash, "
				+ "description, scope, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning created_at",
				(rs, i) -> rs.getTimestamp(1).toInstant(), id, orgId, ledgerId, ApiKeyHasher.prefixOf(rawKey),
				hasher.hash(rawKey), description == null ? "" : description, scope,
				expiresAt == null ? null : Timestamp.from(expiresAt));
		return new Created(id, ApiKeyHasher.prefixOf(rawKey), rawKey, scope, createdAt, expiresAt);
	}

	/** The key's principal, if the key exists and is neither revoked nor expired. */
	public Optional<ApiPrincipal> authenticate(String rawKey) {
		List<ApiPrincipal> found = jdbc.query("select id, org_id, ledger_id, scope from api_keys where key_hash = ? "
				+ "and revoked_at is null and (expires_at is null or expires_at > now())",
				(rs, i) -> new ApiPrincipal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), "read_only".equals(rs.getString(4))),
				hasher.hash(rawKey));
		return found.stream().findFirst();
	}

	/** Best effort and coarse (once a minute per key): a write per request would double the load of reads. */
	public void touch(UUID keyId) {
		jdbc.update("update api_keys set last_used_at = now() where id = ? "
				+ "and (last_used_at is null or last_used_at < now() - interval '1 minute')", keyId);
	}

}
