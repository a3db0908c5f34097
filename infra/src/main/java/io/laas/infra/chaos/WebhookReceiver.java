package io.laas.infra.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint in this JVM: records every delivery by its {@code webhook-id} (the event id) and checks the
 * Standard Webhooks signature against the endpoint's secret. Answers 204 to every delivery it could read.
 */
final class WebhookReceiver implements AutoCloseable {

	private static final int BODY_BYTES_MAX = 1 << 20;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong badSignatures = new AtomicLong();

	private volatile byte[] secret;

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		this.server.createContext("/hooks", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	/** The endpoint's secret as the API answered it ({@code whsec_<base64>}). */
	void secret(String whsec) {
		this.secret = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(BODY_BYTES_MAX);
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
			if (id == null) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			this.received.incrementAndGet();
			if (!signed(id, timestamp, body, signatures)) {
				this.badSignatures.incrementAndGet();
			}
			this.deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private boolean signed(String id, String timestamp, byte[] body, String header) {
		byte[] key = this.secret;
		if (key == null || timestamp == null || header == null) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)))
				.getBytes(StandardCharsets.UTF_8);
			for (String candidate : header.split(" ")) {
				if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
					return true;
				}
			}
			return false;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** Event id to number of deliveries received. */
	Map<String, Integer> deliveries() {
		Map<String, Integer> copy = new java.util.HashMap<>();
		this.deliveries.forEach((k, v) -> copy.put(k, v.get()));
		return copy;
	}

	long received() {
		return this.received.get();
	}

	long badSignatures() {
		return this.badSignatures.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
