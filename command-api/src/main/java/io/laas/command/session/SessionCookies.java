package io.laas.command.session;

import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/** The two cookies of a session: the httpOnly JWT, and the CSRF token the dashboard's script echoes in a header. */
final class SessionCookies {

	static final String SESSION = "laas_session";

	static final String XSRF = "XSRF-TOKEN";

	static final String XSRF_HEADER = "X-XSRF-TOKEN";

	private SessionCookies() {
	}

	static void set(HttpServletResponse response, SessionTokens.Issued issued, boolean secure) {
		long maxAge = Math.max(0, Duration.between(Instant.now(), issued.expiresAt()).getSeconds());
		add(response, ResponseCookie.from(SESSION, issued.jwt()).httpOnly(true).secure(secure).sameSite("Lax")
			.path("/").maxAge(maxAge).build());
		add(response, ResponseCookie.from(XSRF, issued.xsrfToken()).httpOnly(false).secure(secure).sameSite("Lax")
			.path("/").maxAge(maxAge).build());
	}

	static void clear(HttpServletResponse response, boolean secure) {
		add(response, ResponseCookie.from(SESSION, "").httpOnly(true).secure(secure).sameSite("Lax").path("/")
			.maxAge(0).build());
		add(response, ResponseCookie.from(XSRF, "").secure(secure).sameSite("Lax").path("/").maxAge(0).build());
	}

	static String read(HttpServletRequest request, String name) {
		if (request.getCookies() == null) {
			return null;
		}
		for (Cookie cookie : request.getCookies()) {
			if (cookie.getName().equals(name)) {
				return cookie.getValue();
			}
		}
		return null;
	}

	private static void add(HttpServletResponse response, ResponseCookie cookie) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
