package io.laas.command.transaction;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import io.laas.command.apikey.ApiPrincipal;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.posting.LedgerCommands;
import io.laas.command.web.RequestDigest;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/transactions}, the hot path, without the {@code DispatcherServlet}: handler mapping, argument
 * resolution and the return value handlers cost more CPU per posting than our own code (docs/benchmarks.md,
 * "command-api request path"). Runs right after authentication and answers a plain, valid request itself, with the
 * same mapper, the same checks and the same answer bytes as {@link TransactionController#post}.
 * <p>
 * Everything else goes on to Spring MVC, which gives the answer it always gave: a request of any other shape (other
 * media type, {@code Accept} or charset, a query string, a chunked or empty body, CORS, repeated headers) is passed
 * on untouched; a body that does not parse or a request that fails its checks is passed on with the bytes already
 * read; and a command that ran but was refused or failed is passed on with its exception, which the controller
 * throws so that {@code ProblemHandler} answers it (the command is not run twice).
 */
@Configuration(proxyBeanMethods = false)
class TransactionPostFastPath {

	static final String PATH = "/v1/transactions";

	static final String ROUTE = "POST /v1/transactions";

	/** Request attribute: the exception the command ended with, for the controller to throw. */
	static final String FAILURE = TransactionPostFastPath.class.getName() + ".failure";

	@Bean
	FilterRegistrationBean<Filter> transactionPostFastPathFilter(LedgerCommands commands, JsonMapper json) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(commands, json));
		registration.addUrlPatterns(PATH);
		registration.setOrder(11); // after ApiKeyFilter (10): the principal is known, rate limits are taken
		return registration;
	}

	static final class Filter extends OncePerRequestFilter {

		private final LedgerCommands commands;

		private final JsonMapper json;

		private final ObjectReader reader;

		Filter(LedgerCommands commands, JsonMapper json) {
			this.commands = commands;
			this.json = json;
			this.reader = json.readerFor(PostTransactionRequest.class);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			ApiPrincipal principal = (ApiPrincipal) request.getAttribute(ApiPrincipal.class.getName());
			String key = single(request, "Idempotency-Key");
			if (principal == null || !plain(request) || key == MORE) {
				chain.doFilter(request, response);
				return;
			}
			int length = (int) request.getContentLengthLong();
			byte[] body = new byte[length];
			int read = 0;
			IOException failed = null;
			try {
				InputStream in = request.getInputStream();
				int n;
				while (read < length && (n = in.read(body, read, length - read)) >= 0) {
					read += n;
				}
			}
			catch (IOException ex) {
				failed = ex;
			}
			Replayed replayed = new Replayed(request, body, read, failed);
			if (failed != null || read < length) {
				chain.doFilter(replayed, response);
				return;
			}
			PostTransactionRequest parsed;
			String idempotencyKey;
			LedgerCommand.PostTransaction command;
			try {
				parsed = reader.readValue(body);
				if (parsed == null) {
					chain.doFilter(replayed, response);
					return;
				}
				idempotencyKey = RequestDigest.idempotencyKey(parsed.idempotencyKey(), key);
				command = parsed.toCommand("");
			}
			catch (RuntimeException ex) { // MVC reads and checks the same bytes again and answers as it always did
				chain.doFilter(replayed, response);
				return;
			}
			ResponseEntity<String> answer;
			try {
				answer = TransactionCommands.run(commands, json, principal.ledgerId(), command, idempotencyKey, ROUTE,
						parsed, 201);
			}
			catch (RuntimeException ex) {
				replayed.setAttribute(FAILURE, ex);
				chain.doFilter(replayed, response);
				return;
			}
			ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATH));
			write(answer, response);
		}

		private static void write(ResponseEntity<String> answer, HttpServletResponse response) throws IOException {
			response.setStatus(answer.getStatusCode().value());
			for (Map.Entry<String, List<String>> header : answer.getHeaders().headerSet()) {
				if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getKey())) {
					header.getValue().forEach(value -> response.addHeader(header.getKey(), value));
				}
			}
			response.setContentType(String.valueOf(answer.getHeaders().getContentType()));
			byte[] bytes = answer.getBody().getBytes(StandardCharsets.UTF_8);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}

		/** A POST of a known-length JSON body in UTF-8 that wants JSON back, as clients of this route send it. */
		private static boolean plain(HttpServletRequest request) {
			if (!"POST".equals(request.getMethod()) || request.getQueryString() != null
					|| !request.getRequestURI().equals(request.getContextPath() + PATH)) {
				return false;
			}
			long length = request.getContentLengthLong();
			if (length <= 0 || single(request, "Transfer-Encoding") != null || single(request, "Origin") != null) {
				return false;
			}
			String contentType = single(request, "Content-Type");
			if (contentType == null || !(contentType.equalsIgnoreCase("application/json")
					|| contentType.equalsIgnoreCase("application/json;charset=UTF-8")
					|| contentType.equalsIgnoreCase("application/json; charset=UTF-8"))) {
				return false;
			}
			String accept = single(request, "Accept");
			return accept == null || accept.equals("application/json") || accept.equals("*/*");
		}

		/** The header's one value, null when absent, {@link #MORE} when repeated. */
		private static String single(HttpServletRequest request, String name) {
			Enumeration<String> values = request.getHeaders(name);
			if (values == null || !values.hasMoreElements()) {
				return null;
			}
			String first = values.nextElement();
			return values.hasMoreElements() ? MORE : first;
		}

		private static final String MORE = new String("(repeated)");

	}

	/** The request with the bytes the fast path already read, then the read's own end or failure. */
	private static final class Replayed extends HttpServletRequestWrapper {

		private final ServletInputStream stream;

		private BufferedReader reader;

		Replayed(HttpServletRequest request, byte[] body, int length, IOException failure) {
			super(request);
			ByteArrayInputStream bytes = new ByteArrayInputStream(body, 0, length);
			this.stream = new ServletInputStream() {

				@Override
				public int read() throws IOException {
					int b = bytes.read();
					if (b < 0 && failure != null) {
						throw failure;
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int count) throws IOException {
					int n = bytes.read(buffer, offset, count);
					if (n < 0 && failure != null) {
						throw failure;
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0 && failure == null;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("the body was already read");
				}

			};
		}

		@Override
		public ServletInputStream getInputStream() {
			return stream;
		}

		@Override
		public BufferedReader getReader() {
			if (reader == null) {
				reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
			}
			return reader;
		}

	}

}
