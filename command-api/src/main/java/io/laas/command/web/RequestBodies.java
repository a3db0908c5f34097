package io.laas.command.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks every request body at the edge, before authentication and before any JSON is parsed. Bodies above
 * {@code laas.http.request-body-bytes-max} are refused with {@code 413 payload-too-large}: a declared
 * {@code Content-Length} above the limit unread, a chunked body at the moment it passes the limit. A
 * {@code Content-Type} that is no concrete media type ({@code *}{@code /*}, {@code application/}, an unknown
 * charset) is refused with {@code 415} rather than failing deep inside Spring.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodies {

	/**
	 * @param requestBodyBytesMax the largest body of a {@code /v1} or {@code /api} request; the default (2 MiB) holds
	 * a batch of 1,000 two-posting transactions with metadata several times over
	 */
	@ConfigurationProperties("laas.http")
	record Settings(Integer requestBodyBytesMax) {

		static final int DEFAULT_BYTES = 2 * 1024 * 1024;

		Settings {
			requestBodyBytesMax = requestBodyBytesMax == null ? DEFAULT_BYTES : requestBodyBytesMax;
			if (requestBodyBytesMax < 1024 || requestBodyBytesMax > 64 * 1024 * 1024) {
				throw new IllegalArgumentException("laas.http.request-body-bytes-max must be 1024 to 67108864 (64 MiB)");
			}
		}

	}

	@Bean
	FilterRegistrationBean<Filter> requestBodyLimitFilter(Settings settings, ProblemWriter problems) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
				new Filter(settings.requestBodyBytesMax(), problems));
		registration.addUrlPatterns("/v1/*", "/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

	static ApiProblem tooLarge(long limit) {
		return new ApiProblem(413, "payload-too-large", "Payload too large",
				"The request body is larger than " + limit + " bytes; send less per request (e.g. split a batch).",
				List.of());
	}

	static final class Filter extends OncePerRequestFilter {

		private final long limit;

		private final ProblemWriter problems;

		Filter(long limit, ProblemWriter problems) {
			this.limit = limit;
			this.problems = problems;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String query = request.getQueryString();
			if (query != null && (query.contains("%00") || query.indexOf('\u0000') >= 0)) {
				problems.write(response, Problems.of(new ApiProblem(400, "malformed-query", "Malformed query string",
						"The query string contains U+0000 (NUL), which no parameter accepts.", List.of())));
				return;
			}
			String contentType = request.getContentType();
			if (contentType != null && !concrete(contentType)) {
				problems.write(response, Problems.of(415, "unsupported-media-type", "Unsupported Media Type",
						"Content-Type '" + abbreviate(contentType) + "' is not a concrete media type; send application/json.",
						List.of()));
				return;
			}
			if (request.getContentLengthLong() > limit) {
				// Unread. Tomcat would swallow up to server.tomcat.max-swallow-size of it and then drop the connection
				// under a client that believes it reusable: say so instead.
				response.setHeader(HttpHeaders.CONNECTION, "close");
				problems.write(response, Problems.of(tooLarge(limit)));
				return;
			}
			chain.doFilter(new Limited(request, limit), response);
		}

		private static boolean concrete(String contentType) {
			try {
				MediaType type = MediaType.parseMediaType(contentType);
				type.getCharset(); // an unknown charset fails here rather than while the body is read
				return !type.isWildcardType() && !type.isWildcardSubtype();
			}
			catch (IllegalArgumentException ex) { // InvalidMediaTypeException, UnsupportedCharsetException
				return false;
			}
		}

		private static String abbreviate(String text) {
			return text.length() <= 100 ? text : text.substring(0, 100) + "...";
		}

	}

	/** Counts what the application reads and fails the read that would pass the limit. */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream(), limit);
			}
			return stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Counting(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit) {
				throw tooLarge(limit);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
