package io.laas.command.tenancy;

import io.laas.command.ledger.Ids;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.laas.command.ledger.Currencies;

/** Creates and finds the tenancy rows: users, organizations and their members, projects, ledgers. */
@Component
public class Tenants {

	private static final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);

	private final JdbcTemplate jdbc;

	public Tenants(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public record Ledger(UUID id, UUID orgId, UUID projectId, String name, String code, String currency) {
	}

	/** E-mail addresses are compared trimmed and lower-cased. */
	public static String normaliseEmail(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	@Transactional
	public UUID createUser(String email, String password) {
		UUID id = Ids.next();
		jdbc.update("insert into users (id, email, password_hash) values (?, ?, ?)", id, normaliseEmail(email),
				passwords.encode(password));
		return id;
	}

	public Optional<UUID> findUser(String email) {
		List<UUID> found = jdbc.queryForList("select id from users where email = ?", UUID.class, normaliseEmail(email));
		return found.stream().findFirst();
	}

	@Transactional
	public UUID createOrganization(String name, UUID ownerUserId) {
		UUID id = Ids.next();
		jdbc.update("insert into organizations (id, name) values (?, ?)", id, name);
		jdbc.update("insert into org_users (org_id, user_id, role) values (?, ?, 'owner')", id, ownerUserId);
		return id;
	}

	public UUID createProject(UUID orgId, String name, String code) {
		UUID id = Ids.next();
		jdbc.update("insert into projects (id, org_id, name, code) values (?, ?, ?, ?)", id, orgId, name, code);
		return id;
	}

	public Ledger createLedger(UUID orgId, UUID projectId, String name, String code, String currency) {
		if (!Currencies.isKnown(currency)) {
			throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
		}
		UUID id = Ids.next();
		jdbc.update("insert into ledgers (id, org_id, project_id, name, code, currency) values (?, ?, ?, ?, ?, ?)", id,
				orgId, projectId, name, code, currency);
		return new Ledger(id, orgId, projectId, name, code, currency);
	}

	public List<Ledger> ledgersOf(UUID orgId) {
		return jdbc.query("select id, org_id, project_id, name, code, currency from ledgers where org_id = ? "
				+ "order by created_at", (rs, i) -> new Ledger(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6)),
				orgId);
	}

	public List<UUID> organizationsOf(UUID userId) {
		return jdbc.queryForList("select org_id from org_users where user_id = ? order by created_at", UUID.class,
				userId);
	}

}
