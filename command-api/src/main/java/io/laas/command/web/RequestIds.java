package io.laas.command.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import io.laas.command.ledger.Ids;

/**
 * Gives every request an id that its log lines carry: the caller's {@code X-Request-Id} when it is short and made of
 * safe characters ({@value #PATTERN_TEXT}), else a new UUID. The id goes into the logging MDC as {@value #MDC_KEY}
 * for the whole request (so every line logged on the request thread, 5xx errors included, names it) and back to the
 * caller as the {@code X-Request-Id} response header. An id that does not fit is replaced, not refused: a request id
 * is a tracing aid, never a reason to fail a write. Runs first, before size checks and authentication, so their
 * refusals carry the id too.
 */
@Configuration(proxyBeanMethods = false)
public class RequestIds {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "request_id";

	static final String PATTERN_TEXT = "[A-Za-z0-9._:-]{1,64}";

	static final int LENGTH_MAX = 64;

	/**
	 * The caller's id when it is safe to log as is, else a fresh one. The check is {@value #PATTERN_TEXT} written out
	 * (no regex per request); a fresh id is a UUID from {@link Ids} (version 7, {@code ThreadLocalRandom}): a
	 * tracing aid needs no {@code SecureRandom}, whose shared lock request threads queued on under load.
	 */
	static String accept(String offered) {
		return safe(offered) ? offered : Ids.next().toString();
	}

	static boolean safe(String offered) {
		if (offered == null || offered.isEmpty() || offered.length() > LENGTH_MAX) {
			return false;
		}
		for (int i = 0; i < offered.length(); i++) {
			char c = offered.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == ':' || c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	@Bean
	FilterRegistrationBean<Filter> requestIdFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter());
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String id = accept(request.getHeader(HEADER));
			response.setHeader(HEADER, id);
			MDC.put(MDC_KEY, id);
			try {
				chain.doFilter(request, response);
			}
			finally {
				MDC.remove(MDC_KEY);
			}
		}

	}

}
