package io.laas.command.session;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** The dashboard user behind an {@code /api} request. */
public record UserPrincipal(UUID userId, String email) {

	static final String ATTRIBUTE = UserPrincipal.class.getName();

	public static UserPrincipal of(HttpServletRequest request) {
		UserPrincipal principal = (UserPrincipal) request.getAttribute(ATTRIBUTE);
		if (principal == null) {
			throw new IllegalStateException("no session principal: the request did not pass SessionFilter");
		}
		return principal;
	}

}
