package io.laas.infra.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the contract under test: a request that got no definitive answer (no connection, a reset, a
 * timeout, a 5xx or a 429) is sent again, byte for byte and with the same idempotency key, with backoff, until it
 * gets one or until {@code answerWaitMax} has passed.
 */
final class Api {

	/** A definitive answer, or {@code status = 0} when none came within the deadline. */
	record Answer(int status, String body, int attempts) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		boolean clientError() {
			return this.status >= 400 && this.status < 500;
		}

	}

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final long RETRY_DELAY_MS_MIN = 50;

	private static final long RETRY_DELAY_MS_MAX = 2_000;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String baseUrl;

	private final String apiKey;

	private final Duration answerWaitMax;

	final AtomicLong requests = new AtomicLong();

	final AtomicLong retries = new AtomicLong();

	final AtomicLong connectionErrors = new AtomicLong();

	final AtomicLong serverErrors = new AtomicLong();

	Api(String baseUrl, String apiKey, Duration answerWaitMax) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
		this.answerWaitMax = answerWaitMax;
	}

	Answer post(String path, String json, String idempotencyKey) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		HttpRequest request = builder.build();
		this.requests.incrementAndGet();
		Instant deadline = Instant.now().plus(this.answerWaitMax);
		long delay = RETRY_DELAY_MS_MIN;
		int attempts = 0;
		while (true) {
			attempts++;
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status < 500 && status != 429) {
					return new Answer(status, response.body(), attempts);
				}
				this.serverErrors.incrementAndGet();
			}
			catch (IOException ex) {
				this.connectionErrors.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Answer(0, "interrupted", attempts);
			}
			if (Instant.now().isAfter(deadline)) {
				return new Answer(0, "no definitive answer within " + this.answerWaitMax.toSeconds() + " s", attempts);
			}
			this.retries.incrementAndGet();
			Pause.millis(delay);
			delay = Math.min(RETRY_DELAY_MS_MAX, delay * 2);
		}
	}

}
