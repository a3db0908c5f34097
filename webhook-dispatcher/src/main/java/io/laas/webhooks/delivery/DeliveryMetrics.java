package io.laas.webhooks.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import io.laas.webhooks.delivery.internal.AttemptResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sender's meters, per attempt and per delivery (Prometheus names in brackets). An <em>attempt</em> is one
 * request (or one refusal before sending); a <em>delivery</em> is one event for one endpoint, which takes one or
 * more attempts and ends {@code succeeded}, {@code failed} or {@code dead}.
 * <ul>
 * <li>{@code laas.webhooks.attempts} [laas_webhooks_attempts_total], tags {@code reason} (http_2xx, http_3xx,
 * http_4xx, http_410, http_429, http_5xx, http_other, timeout, network, refused_target, bad_secret) and
 * {@code outcome} (what the attempt made of its delivery: succeeded, retry, failed, dead);</li>
 * <li>{@code laas.webhooks.attempt.latency} [laas_webhooks_attempt_latency_seconds], tag {@code result} (success,
 * failure): request to response excerpt of the attempts that went out, histogram;</li>
 * <li>{@code laas.webhooks.deliveries.succeeded} [laas_webhooks_deliveries_succeeded_total]: deliveries that
 * ended with a 2xx;</li>
 * <li>{@code laas.webhooks.deliveries.failed} [laas_webhooks_deliveries_failed_total], tags {@code status}
 * (failed, dead) and {@code reason} (of the last attempt, or endpoint_disabled / endpoint_deleted for a delivery
 * failed without a request): deliveries that ended without success;</li>
 * <li>{@code laas.webhooks.delivery.attempts} [laas_webhooks_delivery_attempts], tag {@code status}: attempts a
 * delivery has when it ends (the {@code attempts} column, so a redelivered delivery counts its earlier attempts
 * too, and is recorded again when it ends again);</li>
 * <li>{@code laas.webhooks.deliveries.in_flight} [laas_webhooks_deliveries_in_flight]: deliveries claimed by this
 * instance (queued for a worker or being sent).</li>
 * </ul>
 * The gauges read from the database (backlog, queue depth, oldest due delivery) are {@link Backlog}'s.
 */
final class DeliveryMetrics {

	/** Bucket bounds of attempts per delivery: every step of the default schedule (8 attempts), then coarser. */
	private static final double[] ATTEMPT_BUCKETS = { 1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 50, 100 };

	private final MeterRegistry meters;

	private final Timer latencySuccess;

	private final Timer latencyFailure;

	private final Counter deliveriesSucceeded;

	DeliveryMetrics(MeterRegistry meters, Supplier<Number> inFlight) {
		this.meters = meters;
		this.latencySuccess = latency(meters, "success");
		this.latencyFailure = latency(meters, "failure");
		this.deliveriesSucceeded = Counter.builder("laas.webhooks.deliveries.succeeded")
			.description("Webhook deliveries that ended with a 2xx answer")
			.register(meters);
		Gauge.builder("laas.webhooks.deliveries.in_flight", inFlight)
			.description("Webhook deliveries claimed by this instance: queued for a worker or being sent")
			.register(meters);
	}

	private static Timer latency(MeterRegistry meters, String result) {
		return Timer.builder("laas.webhooks.attempt.latency")
			.description("Time from sending a webhook request to the end of its response excerpt")
			.tag("result", result)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

	/**
	 * One attempt.
	 * @param outcome what it made of its delivery: succeeded, retry, failed or dead
	 */
	void attempted(AttemptResult result, String outcome) {
		Verdict verdict = result.verdict();
		if (result.sent()) {
			(verdict.succeeded() ? this.latencySuccess : this.latencyFailure)
				.record(Duration.ofMillis(result.latencyMs()));
		}
		Counter.builder("laas.webhooks.attempts")
			.description("Webhook attempts, including those refused before sending")
			.tag("reason", verdict.reason())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	/**
	 * A delivery became final.
	 * @param status succeeded, failed or dead
	 * @param reason why it failed (ignored for succeeded)
	 * @param attempts the delivery's attempts so far
	 */
	void finished(String status, String reason, int attempts) {
		if ("succeeded".equals(status)) {
			this.deliveriesSucceeded.increment();
		}
		else {
			Counter.builder("laas.webhooks.deliveries.failed")
				.description("Webhook deliveries that ended without success (failed: not retried; dead: retries "
						+ "exhausted)")
				.tag("status", status)
				.tag("reason", reason)
				.register(this.meters)
				.increment();
		}
		DistributionSummary.builder("laas.webhooks.delivery.attempts")
			.description("Attempts a webhook delivery took, recorded when it ends")
			.tag("status", status)
			.serviceLevelObjectives(ATTEMPT_BUCKETS)
			.register(this.meters)
			.record(attempts);
	}

}
