package io.laas.command;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.laas.command.RejectionCodesApiTest.assertRefused;
import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Owners invite e-mails that have no LaaS user yet; signing up (or logging in) with the e-mail accepts. */
class InvitationsApiTest extends SessionTestSupport {

	@Test
	void invitingAnUnknownEmail_isAnOpenInvitation_thatSignUpWithoutAnOrganizationAccepts() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String email = newEmail("Invited");

		Response invited = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + email + "\",\"role\":\"developer\"}");

		assertThat(invited.status()).as(invited.body()).isEqualTo(202);
		assertThat(invited.json().path("status").asString()).isEqualTo("invited");
		assertThat(invited.json().path("email").asString()).isEqualTo(email.toLowerCase());
		assertThat(invited.json().path("invited_by").asString()).isEqualTo(owner.email());
		JsonNode members = call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json();
		assertThat(members.path("data")).hasSize(1);
		assertThat(members.path("invitations")).hasSize(1);
		assertThat(members.path("invitations").get(0).path("id").asString()).isEqualTo(invited.json().path("id").asString());
		assertThat(members.path("invitations").get(0).path("role").asString()).isEqualTo("developer");

		Session newcomer = session(email, signUpAs(email, null));

		JsonNode me = call(newcomer, "GET", "/api/me", null).json();
		assertThat(me.path("organizations")).hasSize(1);
		assertThat(me.path("organizations").get(0).path("id").asString()).isEqualTo(orgId);
		assertThat(me.path("organizations").get(0).path("role").asString()).isEqualTo("developer");
		JsonNode after = call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json();
		assertThat(after.path("data")).hasSize(2);
		assertThat(after.path("invitations")).isEmpty();
		assertThat(auditActions(owner, orgId)).containsSubsequence("invitation.accepted", "member.invited");
	}

	@Test
	void signUpWithAnOrganizationName_alsoCreatesTheirOwn_andJoinsAsTheInvitedRole() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String email = newEmail("co-owner");
		call(owner, "POST", "/api/orgs/" + orgId + "/members", "{\"email\":\"" + email + "\",\"role\":\"owner\"}");

		Session newcomer = session(email, signUpAs(email, "Their own"));

		JsonNode organizations = call(newcomer, "GET", "/api/me", null).json().path("organizations");
		assertThat(organizations).hasSize(2);
		List<String> roles = new ArrayList<>();
		organizations.forEach(o -> roles.add(o.path("id").asString().equals(orgId) ? "invited:" + o.path("role").asString()
				: "own:" + o.path("role").asString()));
		assertThat(roles).containsExactlyInAnyOrder("invited:owner", "own:owner");
	}

	@Test
	void withoutAnOpenInvitation_signUpStillNeedsAnOrganizationName() {
		String email = newEmail("nobody-invited");

		Response response = response(signUpAs(email, null));

		assertRefused(response, 400, "validation-failed", "organization_name");
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isZero();
	}

	@Test
	void aCancelledInvitation_isGone_andSignUpNoLongerJoins() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String email = newEmail("cancelled");
		String id = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + email + "\",\"role\":\"developer\"}").json().path("id").asString();

		Response cancelled = call(owner, "DELETE", "/api/orgs/" + orgId + "/invitations/" + id, null);

		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);
		assertThat(call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json().path("invitations")).isEmpty();
		assertProblem(call(owner, "DELETE", "/api/orgs/" + orgId + "/invitations/" + id, null), 404, "not-found");
		assertRefused(response(signUpAs(email, null)), 400, "validation-failed", "organization_name");
		Session stranger = session(email, signUpAs(email, "Elsewhere"));
		assertThat(call(stranger, "GET", "/api/me", null).json().path("organizations")).hasSize(1);
		assertThat(auditActions(owner, orgId)).containsSubsequence("invitation.revoked", "member.invited");
	}

	@Test
	void anExpiredInvitation_isNotListed_andNotAccepted() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String email = newEmail("late");
		String id = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + email + "\",\"role\":\"developer\"}").json().path("id").asString();
		// 14 days pass.
		jdbc.update("update org_invitations set expires_at = now() - interval '1 second' where id = ?::uuid", id);

		assertThat(call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json().path("invitations")).isEmpty();
		Session late = session(email, signUpAs(email, "Late Ltd"));
		assertThat(call(late, "GET", "/api/me", null).json().path("organizations")).hasSize(1);
		assertThat(jdbc.queryForObject("select accepted_at is null from org_invitations where id = ?::uuid",
				Boolean.class, id)).isTrue();
	}

	@Test
	void invitingAgain_renewsTheOpenInvitation_withTheNewRole() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String email = newEmail("twice");
		String first = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + email + "\",\"role\":\"developer\"}").json().path("id").asString();

		Response again = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + email.toUpperCase() + "\",\"role\":\"owner\"}");

		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asString()).isEqualTo(first);
		JsonNode invitations = call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json().path("invitations");
		assertThat(invitations).hasSize(1);
		assertThat(invitations.get(0).path("role").asString()).isEqualTo("owner");
	}

	@Test
	void anInvitationStillOpenAtLogIn_isAcceptedThen() {
		// Someone who registered between the owner's check and the invitation (or was invited by raw SQL) joins at
		// their next log-in.
		String email = newEmail("racer");
		session(email, signUpAs(email, "Racer Inc"));
		Session owner = signUp();
		String orgId = firstOrg(owner);
		jdbc.update("insert into org_invitations (id, org_id, email, role, invited_by, expires_at) select "
				+ "gen_random_uuid(), ?::uuid, ?, 'developer', m.user_id, now() + interval '1 day' from org_users m "
				+ "where m.org_id = ?::uuid", orgId, email, orgId);

		Session loggedIn = session(email, logInAs(email));

		assertThat(call(loggedIn, "GET", "/api/me", null).json().path("organizations")).hasSize(2);
	}

	@Test
	void aRegisteredUser_isAddedAtOnce_andAnExistingMemberIsAlreadyAMember() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		Session colleague = signUp();

		Response added = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + colleague.email() + "\",\"role\":\"developer\"}");

		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(added.json().path("status").asString()).isEqualTo("added");
		assertRefused(call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + colleague.email() + "\",\"role\":\"owner\"}"), 409, "already-a-member", "email");
		assertThat(call(owner, "GET", "/api/orgs/" + orgId + "/members", null).json().path("data")).hasSize(2);
	}

	@Test
	void developers_cannotInviteOrCancel_andStrangersSeeNothing() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		Session developer = signUp();
		call(owner, "POST", "/api/orgs/" + orgId + "/members", "{\"email\":\"" + developer.email() + "\",\"role\":\"developer\"}");
		String id = call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + newEmail("pending") + "\",\"role\":\"developer\"}").json().path("id").asString();
		Session stranger = signUp();
		long invitations = invitationRows(orgId);

		assertRefused(call(developer, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + newEmail("by-dev") + "\",\"role\":\"developer\"}"), 403, "owner-role-required", null);
		assertRefused(call(developer, "DELETE", "/api/orgs/" + orgId + "/invitations/" + id, null), 403,
				"owner-role-required", null);
		assertRefused(call(stranger, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"" + newEmail("by-stranger") + "\",\"role\":\"developer\"}"), 404, "not-found", null);
		assertRefused(call(stranger, "DELETE", "/api/orgs/" + orgId + "/invitations/" + id, null), 404, "not-found",
				null);
		assertRefused(call(stranger, "GET", "/api/orgs/" + orgId + "/members", null), 404, "not-found", null);

		assertThat(invitationRows(orgId)).isEqualTo(invitations);
		assertThat(call(developer, "GET", "/api/orgs/" + orgId + "/members", null).json().path("invitations")).hasSize(1);
	}

	@Test
	void aMalformedEmail_isRefusedWithTheField() {
		Session owner = signUp();
		String orgId = firstOrg(owner);

		assertRefused(call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"not-an-address\",\"role\":\"developer\"}"), 400, "validation-failed", "email");
		assertRefused(call(owner, "POST", "/api/orgs/" + orgId + "/members",
				"{\"email\":\"someone@example.com\",\"role\":\"admin\"}"), 400, "validation-failed", "role");
		assertThat(invitationRows(orgId)).isZero();
	}

	private long invitationRows(String orgId) {
		return jdbc.queryForObject("select count(*) from org_invitations where org_id = ?::uuid", Long.class, orgId);
	}

	private List<String> auditActions(Session owner, String orgId) {
		List<String> actions = new ArrayList<>();
		call(owner, "GET", "/api/orgs/" + orgId + "/audit-log", null).json().path("data")
			.forEach(row -> actions.add(row.path("action").asString()));
		return actions;
	}

}
