package io.laas.command.session;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import io.laas.command.web.ProblemWriter;
import io.laas.command.web.Problems;

/**
 * Authenticates {@code /api} requests by the session cookie. Requests that change state must also carry the CSRF
 * token in {@code X-XSRF-TOKEN}; it must equal the one bound into the signed session, which a cross-site page can
 * neither read nor forge.
 */
class SessionFilter extends OncePerRequestFilter {

	/** Reachable without a session: they create one. */
	private static final Set<String> OPEN = Set.of("/api/auth/signup", "/api/auth/login", "/api/auth/logout");

	private final SessionTokens tokens;

	private final ProblemWriter problems;

	SessionFilter(SessionTokens tokens, ProblemWriter problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (OPEN.contains(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		String jwt = SessionCookies.read(request, SessionCookies.SESSION);
		Optional<SessionTokens.Session> session = jwt == null ? Optional.empty() : tokens.verify(jwt);
		if (session.isEmpty()) {
			problems.write(response, Problems.of(401, "unauthenticated", "Unauthenticated",
					"Your session is missing or has expired; log in again.", List.of()));
			return;
		}
		boolean safe = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		if (!safe && !sameToken(request.getHeader(SessionCookies.XSRF_HEADER), session.get().xsrfToken())) {
			problems.write(response, Problems.of(403, "csrf-token-invalid", "CSRF token missing or wrong",
					"Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.", List.of()));
			return;
		}
		request.setAttribute(UserPrincipal.ATTRIBUTE, new UserPrincipal(session.get().userId(), session.get().email()));
		chain.doFilter(request, response);
	}

	private static boolean sameToken(String given, String expected) {
		return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

}
