package io.laas.command.tenancy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.ledger.Currencies;
import io.laas.command.session.UserPrincipal;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;

/** Organizations' members, projects and ledgers, for the dashboard. */
@RestController
class TenancyController {

	private static final String CODE_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

	private final JdbcTemplate jdbc;

	private final Access access;

	private final Tenants tenants;

	private final AuditLog audit;

	private final Invitations invitations;

	TenancyController(JdbcTemplate jdbc, Access access, Tenants tenants, AuditLog audit, Invitations invitations) {
		this.invitations = invitations;
		this.jdbc = jdbc;
		this.access = access;
		this.tenants = tenants;
		this.audit = audit;
	}

	@GetMapping("/api/orgs/{orgId}/members")
	Map<String, Object> members(@PathVariable UUID orgId, HttpServletRequest request) {
		access.member(UserPrincipal.of(request).userId(), orgId);
		return Map.of("data", jdbc.queryForList("select m.user_id, u.email, m.role, m.created_at as joined_at "
				+ "from org_users m join users u on u.id = m.user_id where m.org_id = ? order by m.created_at", orgId),
				"invitations", invitations.open(orgId).stream().map(Invitations.Invitation::toJson).toList());
	}

	/** Adds a registered user at once (201 {@code added}); invites an e-mail that has no user yet (202 {@code invited}). */
	@PostMapping("/api/orgs/{orgId}/members")
	@Transactional
	ResponseEntity<Map<String, Object>> addMember(@PathVariable UUID orgId,
			@RequestBody ManagementRequests.AddMember body, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		access.owner(me.userId(), orgId);
		Access.Role role = role(body.role());
		String email = RequestLimits.text(body.email(), "email", 254, true);
		java.util.Optional<UUID> registered = tenants.findUser(email);
		if (registered.isEmpty()) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(InvitationsController.invite(invitations, audit,
					orgId, email, role, me));
		}
		UUID userId = registered.get();
		try {
			jdbc.update("insert into org_users (org_id, user_id, role) values (?, ?, ?)", orgId, userId, role.wire());
		}
		catch (DuplicateKeyException ex) {
			throw new ApiProblem(409, "already-a-member", "Already a member", email + " is already a member.",
					List.of(new ApiProblem.FieldError("email", "is already a member")));
		}
		audit.record(orgId, me.userId(), me.email(), "member.added", userId.toString(), Map.of("role", role.wire()));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("status", "added", "user_id", userId, "email",
				Tenants.normaliseEmail(email), "role", role.wire()));
	}

	@PatchMapping("/api/orgs/{orgId}/members/{userId}")
	@Transactional
	Map<String, Object> changeRole(@PathVariable UUID orgId, @PathVariable UUID userId,
			@RequestBody ManagementRequests.ChangeRole body, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		access.owner(me.userId(), orgId);
		Access.Role role = role(body.role());
		lockMembers(orgId);
		Access.Role current = access.member(userId, orgId);
		if (current == Access.Role.OWNER && role != Access.Role.OWNER) {
			requireAnotherOwner(orgId);
		}
		jdbc.update("update org_users set role = ? where org_id = ? and user_id = ?", role.wire(), orgId, userId);
		audit.record(orgId, me.userId(), me.email(), "member.role_changed", userId.toString(), Map.of("role", role.wire()));
		return Map.of("user_id", userId, "role", role.wire());
	}

	@DeleteMapping("/api/orgs/{orgId}/members/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void removeMember(@PathVariable UUID orgId, @PathVariable UUID userId, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		access.owner(me.userId(), orgId);
		lockMembers(orgId);
		if (access.member(userId, orgId) == Access.Role.OWNER) {
			requireAnotherOwner(orgId);
		}
		jdbc.update("delete from org_users where org_id = ? and user_id = ?", orgId, userId);
		audit.record(orgId, me.userId(), me.email(), "member.removed", userId.toString(), Map.of());
	}

	/** Newest first; owners only. */
	@GetMapping("/api/orgs/{orgId}/audit-log")
	Map<String, Object> auditLog(@PathVariable UUID orgId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, HttpServletRequest request) {
		access.owner(UserPrincipal.of(request).userId(), orgId);
		int pageSize = io.laas.command.web.Pages.limit(limit);
		List<Map<String, Object>> rows = jdbc.queryForList("select id, actor, actor_user_id, action, target, ip, "
				+ "details::text as details, created_at from audit_log where org_id = ? and id < ? order by id desc "
				+ "limit ?", orgId, io.laas.command.web.Pages.longPosition(cursor), pageSize);
		return io.laas.command.web.Pages.of(rows, pageSize, row -> row.get("id"));
	}

	@GetMapping("/api/projects")
	Map<String, Object> projects(@RequestParam(name = "org_id") UUID orgId, HttpServletRequest request) {
		access.member(UserPrincipal.of(request).userId(), orgId);
		return Map.of("data", jdbc.queryForList("select id, name, code, org_id as organization_id, created_at "
				+ "from projects where org_id = ? order by created_at", orgId));
	}

	@PostMapping("/api/projects")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Map<String, Object> createProject(@RequestBody ManagementRequests.CreateProject body, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		UUID orgId = RequestLimits.required(body.organizationId(), "organization_id");
		access.member(me.userId(), orgId);
		String name = RequestLimits.text(body.name(), "name", RequestLimits.NAME_LENGTH_MAX, true);
		String code = code(body.code());
		try {
			UUID id = tenants.createProject(orgId, name, code);
			audit.record(orgId, me.userId(), me.email(), "project.created", id.toString(), Map.of("code", code));
			return jdbc.queryForMap("select id, name, code, org_id as organization_id, created_at from projects "
					+ "where id = ?", id);
		}
		catch (DuplicateKeyException ex) {
			throw new ApiProblem(409, "code-taken", "Code already used", "A project with code '" + code
					+ "' already exists in this organization.", List.of(new ApiProblem.FieldError("code", "is taken")));
		}
	}

	@GetMapping("/api/ledgers")
	Map<String, Object> ledgers(@RequestParam(name = "org_id") UUID orgId, HttpServletRequest request) {
		access.member(UserPrincipal.of(request).userId(), orgId);
		return Map.of("data", jdbc.queryForList("select id, project_id, name, code, currency, created_at from ledgers "
				+ "where org_id = ? order by created_at", orgId));
	}

	@GetMapping("/api/ledgers/{ledgerId}")
	Map<String, Object> ledger(@PathVariable UUID ledgerId, HttpServletRequest request) {
		access.ledger(UserPrincipal.of(request).userId(), ledgerId);
		return jdbc.queryForMap("select id, org_id as organization_id, project_id, name, code, currency, last_sequence, "
				+ "created_at from ledgers where id = ?", ledgerId);
	}

	@PostMapping("/api/ledgers")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Map<String, Object> createLedger(@RequestBody ManagementRequests.CreateLedger body, HttpServletRequest request) {
		UserPrincipal me = UserPrincipal.of(request);
		UUID projectId = RequestLimits.required(body.projectId(), "project_id");
		UUID orgId = access.projectOrg(me.userId(), projectId);
		String name = RequestLimits.text(body.name(), "name", RequestLimits.NAME_LENGTH_MAX, true);
		String code = code(body.code());
		String currency = RequestLimits.required(body.currency(), "currency");
		if (!Currencies.isKnown(currency)) {
			throw ApiProblem.invalid("currency", "must be an ISO 4217 currency code such as USD");
		}
		try {
			Tenants.Ledger ledger = tenants.createLedger(orgId, projectId, name, code, currency);
			audit.record(orgId, me.userId(), me.email(), "ledger.created", ledger.id().toString(), Map.of("code", code));
			return jdbc.queryForMap("select id, project_id, name, code, currency, created_at from ledgers where id = ?",
					ledger.id());
		}
		catch (DuplicateKeyException ex) {
			throw new ApiProblem(409, "code-taken", "Code already used", "A ledger with code '" + code
					+ "' already exists in this project.", List.of(new ApiProblem.FieldError("code", "is taken")));
		}
	}

	private void lockMembers(UUID orgId) {
		// Serialises membership changes of one organization, so two owners cannot demote each other at once.
		jdbc.queryForList("select id from organizations where id = ? for update", UUID.class, orgId);
	}

	private void requireAnotherOwner(UUID orgId) {
		Integer owners = jdbc.queryForObject("select count(*) from org_users where org_id = ? and role = 'owner'",
				Integer.class, orgId);
		if (owners == null || owners <= 1) {
			throw new ApiProblem(409, "last-owner", "Last owner", "An organization keeps at least one owner; make "
					+ "someone else owner first.", List.of());
		}
	}

	private static Access.Role role(String value) {
		return Access.Role.fromWire(RequestLimits.required(value, "role"))
			.orElseThrow(() -> ApiProblem.invalid("role", "must be 'owner' or 'developer'"));
	}

	private static String code(String value) {
		String code = RequestLimits.required(value, "code");
		if (!code.matches(CODE_PATTERN)) {
			throw ApiProblem.invalid("code", "must be 1 to 63 lower-case letters, digits, '-' or '_'");
		}
		return code;
	}

}
