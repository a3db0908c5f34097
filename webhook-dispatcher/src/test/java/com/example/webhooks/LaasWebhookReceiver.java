package com.example.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Receives LaaS webhooks with the JDK's HTTP server: verify, skip what was already processed (by webhook-id),
 * process, answer 2xx. {@code HttpServer.create(...).createContext("/webhooks/laas", new LaasWebhookReceiver(...))}
 */
public final class LaasWebhookReceiver implements HttpHandler {

	/** What your application does with one event. Keep it short, or queue the work and return. */
	public interface Handler {

		void handle(String webhookId, byte[] body) throws Exception;

	}

	private final LaasWebhookVerifier verifier;

	private final Handler handler;

	/** In memory for the example; in production, a table with webhook-id as unique key, written with the effect. */
	private final Set<String> processed = ConcurrentHashMap.newKeySet();

	public LaasWebhookReceiver(LaasWebhookVerifier verifier, Handler handler) {
		this.verifier = verifier;
		this.handler = handler;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
			boolean valid = this.verifier.verify(webhookId, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body);
			if (!valid) {
				exchange.sendResponseHeaders(401, -1); // LaaS does not retry a 4xx
				return;
			}
			if (this.processed.add(webhookId)) {
				try {
					this.handler.handle(webhookId, body);
				}
				catch (Exception ex) {
					this.processed.remove(webhookId);
					exchange.sendResponseHeaders(500, -1); // LaaS retries a 5xx
					return;
				}
			}
			exchange.sendResponseHeaders(204, -1); // also for a duplicate: it was handled before
		}
	}

}
