package io.laas.webhooks.delivery.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.laas.webhooks.delivery.RetryAfter;
import io.laas.webhooks.delivery.Verdict;
import io.laas.webhooks.signing.WebhookSecret;
import io.laas.webhooks.signing.WebhookSignatures;
import io.laas.webhooks.targets.RefusedTarget;
import io.laas.webhooks.targets.TargetPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP attempt of one delivery: signs the body, checks the target (SSRF guard, every attempt), POSTs it and
 * reads at most the response excerpt ({@code response-excerpt-bytes-max}, then it stops reading and drops the
 * connection: see {@link ExcerptSubscriber}), all within the request timeout. Never throws: every outcome, including
 * refusals and errors, is an {@link AttemptResult} to record.
 */
public final class HttpAttempts {

	private static final Logger log = LoggerFactory.getLogger(HttpAttempts.class);

	public static final String USER_AGENT = "LaaS-Webhooks/1";

	private final HttpClient client;

	private final TargetPolicy targets;

	private final Clock clock;

	private final Duration requestTimeout;

	private final Duration retryAfterMax;

	private final int excerptBytesMax;

	public HttpAttempts(HttpClient client, TargetPolicy targets, Clock clock, Duration requestTimeout,
			Duration retryAfterMax, int excerptBytesMax) {
		this.client = client;
		this.targets = targets;
		this.clock = clock;
		this.requestTimeout = requestTimeout;
		this.retryAfterMax = retryAfterMax;
		this.excerptBytesMax = excerptBytesMax;
	}

	public AttemptResult send(Claim claim) {
		EndpointTarget endpoint = claim.endpoint();
		Instant now = this.clock.instant();
		long timestamp = now.getEpochSecond();
		byte[] body = claim.body().getBytes(StandardCharsets.UTF_8);
		String webhookId = claim.eventId().toString();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", "application/json");
		headers.put("user-agent", USER_AGENT);
		headers.put("webhook-id", webhookId);
		headers.put("webhook-timestamp", Long.toString(timestamp));
		List<WebhookSecret> secrets;
		try {
			secrets = secrets(endpoint, now);
		}
		catch (IllegalArgumentException ex) {
			return refused(endpoint.url(), headers, "not sent: " + ex.getMessage(), "bad_secret");
		}
		headers.put("webhook-signature", WebhookSignatures.header(secrets, webhookId, timestamp, body));
		URI uri;
		try {
			uri = this.targets.check(endpoint.url());
		}
		catch (RefusedTarget ex) {
			return refused(endpoint.url(), headers, "not sent: " + ex.getMessage(), "refused_target");
		}
		HttpRequest request;
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
				.timeout(this.requestTimeout)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
			headers.forEach(builder::header);
			request = builder.build();
		}
		catch (IllegalArgumentException ex) {
			return refused(endpoint.url(), headers, "not sent: endpoint URL is not usable: " + ex.getMessage(),
					"refused_target");
		}
		return exchange(request, endpoint.url(), headers);
	}

	private AttemptResult exchange(HttpRequest request, String url, Map<String, String> headers) {
		Map<String, String> recorded = Collections.unmodifiableMap(headers);
		long started = System.nanoTime();
		CompletableFuture<HttpResponse<byte[]>> future = this.client.sendAsync(request,
				ExcerptSubscriber.handler(this.excerptBytesMax));
		HttpResponse<byte[]> response;
		try {
			// The request timeout bounds the wait for the response head; this bounds the excerpt too.
			response = future.get(this.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return new AttemptResult(url, recorded, true, null, null, elapsedMs(started),
					"timed out after " + this.requestTimeout.toMillis() + " ms", Verdict.retry("timeout"));
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			return new AttemptResult(url, recorded, true, null, null, elapsedMs(started),
					"interrupted: the dispatcher is shutting down", Verdict.retry("network"));
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			boolean timeout = cause instanceof HttpTimeoutException;
			String error = describe(cause);
			return new AttemptResult(url, recorded, true, null, null, elapsedMs(started), error,
					Verdict.retry(timeout ? "timeout" : "network"));
		}
		long latencyMs = elapsedMs(started);
		int status = response.statusCode();
		Duration retryAfter = RetryAfter
			.parse(response.headers().firstValue("retry-after").orElse(null), this.clock.instant(), this.retryAfterMax)
			.orElse(null);
		Verdict verdict = Verdict.ofStatus(status, retryAfter);
		String excerpt = ResponseExcerpt.of(response.body(), this.excerptBytesMax);
		String error = null;
		if (!verdict.succeeded()) {
			error = "HTTP " + status;
			if (status >= 300 && status <= 399) {
				error += " (redirects are not followed; location: "
						+ response.headers().firstValue("location").orElse("none") + ")";
			}
		}
		return new AttemptResult(url, recorded, true, status, excerpt, latencyMs, error, verdict);
	}

	private List<WebhookSecret> secrets(EndpointTarget endpoint, Instant now) {
		List<WebhookSecret> secrets = new ArrayList<>(2);
		secrets.add(WebhookSecret.parse(endpoint.secret()));
		if (endpoint.previousSecretValidAt(now)) {
			try {
				secrets.add(WebhookSecret.parse(endpoint.previousSecret()));
			}
			catch (IllegalArgumentException ex) {
				log.warn("endpoint {}: previous secret not used: {}", endpoint.id(), ex.getMessage());
			}
		}
		return secrets;
	}

	private static AttemptResult refused(String url, Map<String, String> headers, String error, String reason) {
		return new AttemptResult(url, Collections.unmodifiableMap(headers), false, null, null, 0, error,
				Verdict.retry(reason));
	}

	private static String describe(Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof HttpTimeoutException) {
			return "timed out waiting for the response";
		}
		if (cause instanceof ConnectException) {
			return "connection failed: " + message(cause);
		}
		if (cause instanceof IOException) {
			return "I/O error: " + cause.getClass().getSimpleName() + ": " + message(cause);
		}
		return "error: " + cause.getClass().getSimpleName() + ": " + message(cause);
	}

	private static String message(Throwable cause) {
		String message = cause.getMessage();
		if (message == null && cause.getCause() != null) {
			message = cause.getCause().getMessage();
		}
		return (message != null) ? message : "(no message)";
	}

	private static long elapsedMs(long startedNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
	}

}
