package io.laas.command.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.command.web.ApiProblem;

/**
 * What a dashboard user may see: the organizations they belong to, and everything under them. Anything else is a
 * 404, exactly as if it did not exist (never a 403 that would confirm it does).
 */
@Component
public class Access {

	public enum Role {
		OWNER, DEVELOPER;

		public String wire() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		public static Optional<Role> fromWire(String value) {
			if ("owner".equals(value)) {
				return Optional.of(OWNER);
			}
			if ("developer".equals(value)) {
				return Optional.of(DEVELOPER);
			}
			return Optional.empty();
		}
	}

	private final JdbcTemplate jdbc;

	public Access(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Role member(UUID userId, UUID orgId) {
		List<String> roles = jdbc.queryForList("select role from org_users where org_id = ? and user_id = ?",
				String.class, orgId, userId);
		if (roles.isEmpty()) {
			throw ApiProblem.notFound("Organization " + orgId);
		}
		return Role.fromWire(roles.get(0)).orElseThrow();
	}

	public void owner(UUID userId, UUID orgId) {
		if (member(userId, orgId) != Role.OWNER) {
			throw new ApiProblem(403, "owner-role-required", "Owner role required",
					"Only an owner of the organization can manage its members.", List.of());
		}
	}

	/** The ledger, if the user belongs to its organization; 404 otherwise. */
	public Tenants.Ledger ledger(UUID userId, UUID ledgerId) {
		List<Tenants.Ledger> found = jdbc.query("select l.id, l.org_id, l.project_id, l.name, l.code, l.currency "
				+ "from ledgers l join org_users m on m.org_id = l.org_id where l.id = ? and m.user_id = ?",
				(rs, i) -> new Tenants.Ledger(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6)),
				ledgerId, userId);
		if (found.isEmpty()) {
			throw ApiProblem.notFound("Ledger " + ledgerId);
		}
		return found.get(0);
	}

	/** The organization of a project the user can see; 404 otherwise. */
	public UUID projectOrg(UUID userId, UUID projectId) {
		List<UUID> found = jdbc.queryForList("select p.org_id from projects p join org_users m on m.org_id = p.org_id "
				+ "where p.id = ? and m.user_id = ?", UUID.class, projectId, userId);
		if (found.isEmpty()) {
			throw ApiProblem.notFound("Project " + projectId);
		}
		return found.get(0);
	}

}
