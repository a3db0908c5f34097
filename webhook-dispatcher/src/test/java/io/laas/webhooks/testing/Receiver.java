package io.laas.webhooks.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.laas.webhooks.signing.WebhookSecret;
import io.laas.webhooks.signing.WebhookSignatures;

/**
 * A real webhook receiver: the JDK's HTTP server on 127.0.0.1. Verifies the Standard Webhooks signature like a
 * customer's receiver would (401 when it does not match), records every request and answers what the test's
 * responder says.
 */
public final class Receiver implements AutoCloseable {

	/** One request as the receiver saw it. */
	public record Request(Instant at, Map<String, String> headers, byte[] body, boolean signatureValid) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public String webhookId() {
			return header("webhook-id");
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * The answer to one request.
	 * @param endless after the body, keep sending more (chunked, {@code body} over and over) until the client
	 * hangs up or {@link #ENDLESS_BYTES_MAX} have gone out
	 */
	public record Response(int status, Map<String, String> headers, String body, boolean endless) {

		public Response(int status, Map<String, String> headers, String body) {
			this(status, headers, body, false);
		}

		public static Response of(int status) {
			return new Response(status, Map.of(), "");
		}

		/** A body that never ends, made of {@code chunk} repeated. */
		public static Response endless(int status, String chunk) {
			if (chunk.isEmpty()) {
				throw new IllegalArgumentException("an endless body needs something to repeat");
			}
			return new Response(status, Map.of("content-type", "text/plain; charset=utf-8"), chunk, true);
		}

	}

	/** An endless body stops here if nobody hangs up, so that a test cannot run forever. */
	public static final long ENDLESS_BYTES_MAX = 256L * 1024 * 1024;

	private final HttpServer server;

	private final ExecutorService executor;

	private final WebhookSecret secret;

	private final Function<Request, Response> responder;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger concurrentMax = new AtomicInteger();

	private final AtomicLong bodyBytesSent = new AtomicLong();

	private Receiver(String secret, Function<Request, Response> responder) throws IOException {
		this.secret = (secret != null) ? WebhookSecret.parse(secret) : null;
		this.responder = responder;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** A receiver that checks signatures with {@code secret} (null: does not check) and answers with the responder. */
	public static Receiver start(String secret, Function<Request, Response> responder) {
		try {
			return new Receiver(secret, responder);
		}
		catch (IOException ex) {
			throw new IllegalStateException("receiver did not start", ex);
		}
	}

	public static Receiver answering(String secret, int status) {
		return start(secret, (request) -> Response.of(status));
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public List<Request> requests() {
		return new ArrayList<>(this.requests);
	}

	public int count() {
		return this.requests.size();
	}

	public Set<String> webhookIds() {
		Set<String> ids = new HashSet<>();
		this.requests.forEach((request) -> ids.add(request.webhookId()));
		return ids;
	}

	public int concurrentMax() {
		return this.concurrentMax.get();
	}

	/** Response body bytes written so far, over all requests (for an endless body: until the client hung up). */
	public long bodyBytesSent() {
		return this.bodyBytesSent.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		int now = this.concurrent.incrementAndGet();
		this.concurrentMax.accumulateAndGet(now, Math::max);
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, String> headers = new HashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			boolean valid = verify(headers, body);
			Request request = new Request(Instant.now(), Map.copyOf(headers), body, valid);
			this.requests.add(request);
			Response response = valid ? this.responder.apply(request) : new Response(401, Map.of(), "bad signature");
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] answer = response.body().getBytes(StandardCharsets.UTF_8);
			if (response.endless()) {
				sendEndlessly(exchange, response.status(), answer);
				return;
			}
			exchange.sendResponseHeaders(response.status(), (answer.length == 0) ? -1 : answer.length);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
				this.bodyBytesSent.addAndGet(answer.length);
			}
		}
		finally {
			this.concurrent.decrementAndGet();
		}
	}

	private void sendEndlessly(HttpExchange exchange, int status, byte[] chunk) throws IOException {
		exchange.sendResponseHeaders(status, 0);
		OutputStream out = exchange.getResponseBody();
		try {
			while (this.bodyBytesSent.get() < ENDLESS_BYTES_MAX) {
				out.write(chunk);
				out.flush();
				this.bodyBytesSent.addAndGet(chunk.length);
			}
			out.close();
		}
		catch (IOException hungUp) {
			// What the test wants: the client stopped reading and closed the connection.
		}
	}

	private boolean verify(Map<String, String> headers, byte[] body) {
		if (this.secret == null) {
			return true;
		}
		String id = headers.get("webhook-id");
		String timestamp = headers.get("webhook-timestamp");
		String signature = headers.get("webhook-signature");
		if (id == null || timestamp == null || signature == null) {
			return false;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		// Replay window of the reference libraries: 5 minutes either way.
		if (Math.abs(Instant.now().getEpochSecond() - seconds) > 300) {
			return false;
		}
		return WebhookSignatures.verify(this.secret, signature, id, seconds, body);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
