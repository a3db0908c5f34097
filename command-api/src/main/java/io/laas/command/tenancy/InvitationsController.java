package io.laas.command.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.session.UserPrincipal;
import io.laas.command.web.ApiProblem;

/**
 * Invitations of people without a LaaS user: created by {@code POST /api/orgs/{id}/members} with an unknown e-mail,
 * listed by {@code GET /api/orgs/{id}/members}, cancelled here by an owner.
 */
@RestController
class InvitationsController {

	/** The same shape sign-up accepts. */
	private static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,}";

	private final Access access;

	private final Invitations invitations;

	private final AuditLog audit;

	InvitationsController(Access access, Invitations invitations, AuditLog audit) {
		this.access = access;
		this.invitations = invitations;
		this.audit = audit;
	}

	@DeleteMapping("/api/orgs/{orgId}/invitations/{invitationId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void cancel(@PathVariable UUID orgId, @PathVariable UUID invitationId, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		access.owner(me.userId(), orgId);
		Invitations.Invitation revoked = invitations.revoke(orgId, invitationId)
			.orElseThrow(() -> ApiProblem.notFound("Open invitation " + invitationId));
		audit.record(orgId, me.userId(), me.email(), "invitation.revoked", revoked.email(),
				Map.of("invitation_id", revoked.id().toString(), "role", revoked.role()));
	}

	/** The answer of an add-member request for an e-mail that has no user yet; the caller checked the owner role. */
	static Map<String, Object> invite(Invitations invitations, AuditLog audit, UUID orgId, String email,
			Access.Role role, UserPrincipal me) {
		String normalised = Tenants.normaliseEmail(email);
		if (!normalised.matches(EMAIL)) {
			throw ApiProblem.invalid("email", "is not an e-mail address");
		}
		Invitations.Invitation invitation = invitations.invite(orgId, normalised, role, me.userId());
		audit.record(orgId, me.userId(), me.email(), "member.invited", normalised,
				Map.of("invitation_id", invitation.id().toString(), "role", role.wire()));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "invited");
		answer.putAll(invitation.toJson());
		return answer;
	}

}
