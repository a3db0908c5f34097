package io.laas.command.apikey;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** Who is calling the public API: a key, and the one ledger (and organization) it may touch. */
public record ApiPrincipal(UUID keyId, UUID orgId, UUID ledgerId, boolean readOnly) {

	static final String ATTRIBUTE = ApiPrincipal.class.getName();

	/** The principal the {@link ApiKeyFilter} authenticated for this request. */
	public static ApiPrincipal of(HttpServletRequest request) {
		ApiPrincipal principal = (ApiPrincipal) request.getAttribute(ATTRIBUTE);
		if (principal == null) {
			throw new IllegalStateException("no API principal: the request did not pass ApiKeyFilter");
		}
		return principal;
	}

}
