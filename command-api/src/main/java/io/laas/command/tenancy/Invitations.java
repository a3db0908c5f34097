package io.laas.command.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.laas.command.ledger.Ids;

/**
 * Invitations of e-mails that have no LaaS user yet ({@code org_invitations}). An owner invites; the invitation
 * stays open for {@link #INVITATION_TTL_DAYS} days; whoever signs up or logs in with that e-mail while it is open
 * joins the organization with the invited role. LaaS sends no e-mail: delivering the invitation is up to the owner.
 */
@Component
public class Invitations {

	/** How long an invitation stays acceptable. */
	public static final int INVITATION_TTL_DAYS = 14;

	/** An invitation still waiting: neither accepted nor revoked, and not expired. */
	public record Invitation(UUID id, UUID orgId, String email, String role, String invitedBy, Instant createdAt,
			Instant expiresAt) {

		Map<String, Object> toJson() {
			return Map.of("id", id, "email", email, "role", role, "invited_by", invitedBy, "created_at", createdAt,
					"expires_at", expiresAt);
		}

	}

	private static final String OPEN = "i.accepted_at is null and i.revoked_at is null and i.expires_at > now()";

	private static final String COLUMNS = "select i.id, i.org_id, i.email, i.role, u.email, i.created_at, i.expires_at "
			+ "from org_invitations i join users u on u.id = i.invited_by ";

	private final JdbcTemplate jdbc;

	private final AuditLog audit;

	public Invitations(JdbcTemplate jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Invites {@code email}, or renews its open invitation (new role, inviter and expiry) when one exists. */
	Invitation invite(UUID orgId, String email, Access.Role role, UUID invitedBy) {
		String normalised = Tenants.normaliseEmail(email);
		UUID id = jdbc.queryForObject("insert into org_invitations (id, org_id, email, role, invited_by, expires_at) "
				+ "values (?, ?, ?, ?, ?, now() + make_interval(days => ?)) on conflict (org_id, email) where accepted_at is null and revoked_at is null "
				+ "do update set role = excluded.role, invited_by = excluded.invited_by, created_at = now(), "
				+ "expires_at = excluded.expires_at returning id", UUID.class, Ids.next(), orgId, normalised,
				role.wire(), invitedBy, INVITATION_TTL_DAYS);
		return jdbc.query(COLUMNS + "where i.id = ?", Invitations::row, id).get(0);
	}

	/** The organization's open invitations, oldest first. */
	List<Invitation> open(UUID orgId) {
		return jdbc.query(COLUMNS + "where i.org_id = ? and " + OPEN + " order by i.created_at", Invitations::row,
				orgId);
	}

	/** Revokes an open invitation of the organization; empty when there is none with that id. */
	java.util.Optional<Invitation> revoke(UUID orgId, UUID id) {
		List<Invitation> found = jdbc.query(COLUMNS + "where i.org_id = ? and i.id = ? and " + OPEN + " for update of i",
				Invitations::row, orgId, id);
		found.forEach(i -> jdbc.update("update org_invitations set revoked_at = now() where id = ?", i.id()));
		return found.stream().findFirst();
	}

	/** Whether {@code email} has an open invitation to any organization. */
	public boolean anyOpenFor(String email) {
		return Boolean.TRUE.equals(jdbc.queryForObject(
				"select exists (select 1 from org_invitations i where i.email = ? and " + OPEN + ")", Boolean.class,
				Tenants.normaliseEmail(email)));
	}

	/**
	 * Accepts every open invitation of the user's e-mail: the user joins each organization with the invited role
	 * (keeping a role they already have there), and each acceptance is audited in that organization.
	 */
	@Transactional
	public List<UUID> acceptOpen(UUID userId, String email) {
		String normalised = Tenants.normaliseEmail(email);
		List<Map<String, Object>> accepted = jdbc.queryForList("update org_invitations i set accepted_at = now(), "
				+ "accepted_by = ? where i.email = ? and " + OPEN + " returning i.id, i.org_id, i.role", userId,
				normalised);
		for (Map<String, Object> invitation : accepted) {
			UUID orgId = (UUID) invitation.get("org_id");
			String role = (String) invitation.get("role");
			jdbc.update("insert into org_users (org_id, user_id, role) values (?, ?, ?) on conflict do nothing", orgId,
					userId, role);
			audit.record(orgId, userId, normalised, "invitation.accepted", invitation.get("id").toString(),
					Map.of("role", role));
		}
		return accepted.stream().map(i -> (UUID) i.get("org_id")).toList();
	}

	private static Invitation row(ResultSet rs, int i) throws SQLException {
		return new Invitation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
	}

}
