package io.laas.command.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.laas.command.ratelimit.RateLimits;
import io.laas.command.tenancy.AuditLog;
import io.laas.command.tenancy.Invitations;
import io.laas.command.tenancy.Tenants;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;

/** Sign-up, log-in, log-out and "who am I" for the dashboard. */
@RestController
class AuthController {

	static final int PASSWORD_LENGTH_MIN = 12;

	static final int PASSWORD_LENGTH_MAX = 72;

	/** bcrypt hashes at most this many bytes of a password; Spring Security refuses longer ones. */
	static final int BCRYPT_BYTES_MAX = 72;

	private static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{2,}";

	/** Compared against when the e-mail is unknown, so both failures take one bcrypt's time. */
	private static final String DUMMY_HASH = new BCryptPasswordEncoder(10).encode("not-a-password-anyone-uses");

	private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(10);

	private final JdbcTemplate jdbc;

	private final Tenants tenants;

	private final SessionTokens tokens;

	private final SessionSettings settings;

	private final AuditLog audit;

	private final RateLimits rateLimits;

	private final Invitations invitations;

	AuthController(JdbcTemplate jdbc, Tenants tenants, SessionTokens tokens, SessionSettings settings, AuditLog audit,
			RateLimits rateLimits, Invitations invitations) {
		this.invitations = invitations;
		this.rateLimits = rateLimits;
		this.jdbc = jdbc;
		this.tenants = tenants;
		this.tokens = tokens;
		this.settings = settings;
		this.audit = audit;
	}

	record SignUp(String email, String password, String organizationName) {
	}

	record LogIn(String email, String password) {
	}

	@PostMapping("/api/auth/signup")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Map<String, Object> signUp(@RequestBody SignUp body, HttpServletRequest request, HttpServletResponse response) {
		rateLimits.authAttempt(request.getRemoteAddr());
		String email = RequestLimits.text(body.email(), "email", 254, true).trim();
		if (!email.matches(EMAIL)) {
			throw ApiProblem.invalid("email", "is not an e-mail address");
		}
		String password = RequestLimits.required(body.password(), "password");
		if (password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
			throw ApiProblem.invalid("password", "must be " + PASSWORD_LENGTH_MIN + " to " + PASSWORD_LENGTH_MAX
					+ " characters");
		}
		if (!fitsBcrypt(password)) {
			throw ApiProblem.invalid("password", "must be at most " + BCRYPT_BYTES_MAX
					+ " bytes in UTF-8 (fewer characters when they are not ASCII)");
		}
		// Someone invited may sign up without an organization of their own: they join the inviting ones.
		String organization = RequestLimits.text(body.organizationName(), "organization_name", 200,
				!invitations.anyOpenFor(email));
		UUID userId;
		try {
			userId = tenants.createUser(email, password);
		}
		catch (DuplicateKeyException ex) {
			throw new ApiProblem(409, "email-taken", "E-mail already registered",
					"An account with this e-mail exists; log in instead.",
					List.of(new ApiProblem.FieldError("email", "is already registered")));
		}
		if (organization != null) {
			UUID orgId = tenants.createOrganization(organization, userId);
			audit.record(orgId, userId, Tenants.normaliseEmail(email), "organization.created", orgId.toString(),
					Map.of());
		}
		invitations.acceptOpen(userId, email);
		SessionCookies.set(response, tokens.issue(userId, Tenants.normaliseEmail(email)), settings.secureCookies());
		return me(userId, Tenants.normaliseEmail(email));
	}

	@PostMapping("/api/auth/login")
	Map<String, Object> logIn(@RequestBody LogIn body, HttpServletRequest request, HttpServletResponse response) {
		rateLimits.authAttempt(request.getRemoteAddr());
		String email = Tenants.normaliseEmail(RequestLimits.required(body.email(), "email"));
		rateLimits.checkFailedLogins(email);
		String password = RequestLimits.required(body.password(), "password");
		List<Map<String, Object>> found = jdbc.queryForList("select id, password_hash from users where email = ?", email);
		String hash = found.isEmpty() ? DUMMY_HASH : (String) found.get(0).get("password_hash");
		// bcrypt reads at most 72 bytes (and refuses more): such a password was never accepted at sign-up, so it is wrong;
		// the dummy comparison keeps the answer as slow as a real one.
		boolean matches;
		if (fitsBcrypt(password)) {
			matches = passwords.matches(password, hash);
		}
		else {
			passwords.matches("not-a-password", DUMMY_HASH);
			matches = false;
		}
		if (found.isEmpty() || !matches) {
			rateLimits.failedLogin(email);
			audit.record(null, null, email, "login.failed", email, Map.of());
			throw new ApiProblem(401, "invalid-credentials", "Invalid credentials",
					"The e-mail or the password is wrong.", List.of());
		}
		UUID userId = (UUID) found.get(0).get("id");
		invitations.acceptOpen(userId, email);
		SessionCookies.set(response, tokens.issue(userId, email), settings.secureCookies());
		return me(userId, email);
	}

	@PostMapping("/api/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logOut(HttpServletResponse response) {
		SessionCookies.clear(response, settings.secureCookies());
	}

	@GetMapping("/api/me")
	Map<String, Object> me(HttpServletRequest request) {
		UserPrincipal principal = UserPrincipal.of(request);
		return me(principal.userId(), principal.email());
	}

	private Map<String, Object> me(UUID userId, String email) {
		return Map.of("user", Map.of("id", userId, "email", email), "organizations",
				jdbc.queryForList("select o.id, o.name, m.role from org_users m join organizations o on o.id = m.org_id "
						+ "where m.user_id = ? order by m.created_at", userId));
	}

	private static boolean fitsBcrypt(String password) {
		return password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= BCRYPT_BYTES_MAX;
	}

}
