package io.laas.command.apikey;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import io.laas.command.web.Problems;
import io.laas.command.ratelimit.RateLimits;
import io.laas.command.web.ProblemWriter;

/**
 * Authenticates every {@code /v1} request by its {@code Authorization: Bearer <key>} header. Unknown, revoked and
 * expired keys get the same 401 (no oracle); a read-only key gets 403 on anything but GET/HEAD.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final ProblemWriter problems;

	/** Last time each key's last_used_at was touched, to touch it at most once a minute. */
	private final Map<java.util.UUID, Long> touched = new ConcurrentHashMap<>();

	private final RateLimits rateLimits;

	public ApiKeyFilter(ApiKeys keys, ProblemWriter problems, RateLimits rateLimits) {
		this.keys = keys;
		this.problems = problems;
		this.rateLimits = rateLimits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith(BEARER) || header.length() <= BEARER.length()) {
			write(response, Problems.of(401, "unauthenticated", "Unauthenticated",
					"Send the ledger's API key as 'Authorization: Bearer <key>'.", List.of()));
			return;
		}
		Optional<ApiPrincipal> principal = keys.authenticate(header.substring(BEARER.length()).trim());
		if (principal.isEmpty()) {
			write(response, Problems.of(401, "unauthenticated", "Unauthenticated",
					"The API key is unknown, revoked or expired.", List.of()));
			return;
		}
		boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		if (principal.get().readOnly() && !reading) {
			write(response, Problems.of(403, "read-only-key", "Read-only API key",
					"This API key is read-only; use a read_write key to change the ledger.", List.of()));
			return;
		}
		try {
			rateLimits.apiKey(principal.get().keyId().toString());
		}
		catch (RateLimits.RateLimited limited) {
			response.setHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
			write(response, Problems.of(limited));
			return;
		}
		touch(principal.get());
		request.setAttribute(ApiPrincipal.ATTRIBUTE, principal.get());
		chain.doFilter(request, response);
	}

	private void touch(ApiPrincipal principal) {
		long now = System.currentTimeMillis();
		Long last = touched.get(principal.keyId());
		if (last == null || now - last > 60_000) {
			touched.put(principal.keyId(), now);
			keys.touch(principal.keyId());
		}
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		problems.write(response, problem);
	}

}
