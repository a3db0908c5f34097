package io.laas.webhooks.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sender's meters (Prometheus names in brackets):
 * <ul>
 * <li>{@code laas.webhooks.deliveries.sent} [laas_webhooks_deliveries_sent_total]: requests that went out;</li>
 * <li>{@code laas.webhooks.deliveries.succeeded} [..._succeeded_total]: attempts answered 2xx;</li>
 * <li>{@code laas.webhooks.deliveries.failed} [..._failed_total], tags {@code reason} (http_4xx, http_5xx,
 * timeout, network, refused_target, ...) and {@code outcome} (retry, failed, dead): attempts that did not
 * succeed;</li>
 * <li>{@code laas.webhooks.delivery.latency} [laas_webhooks_delivery_latency_seconds], tag {@code outcome}
 * (success, failure): request to response excerpt, with histogram buckets;</li>
 * <li>{@code laas.webhooks.deliveries.pending} [laas_webhooks_deliveries_pending]: the backlog, recounted every
 * {@code backlog-refresh-ms};</li>
 * <li>{@code laas.webhooks.deliveries.in_flight}: attempts under way in this instance.</li>
 * </ul>
 */
final class DeliveryMetrics {

	private final MeterRegistry meters;

	private final Counter sent;

	private final Counter succeeded;

	private final Timer latencySuccess;

	private final Timer latencyFailure;

	private final AtomicLong pending = new AtomicLong();

	DeliveryMetrics(MeterRegistry meters, Supplier<Number> inFlight) {
		this.meters = meters;
		this.sent = Counter.builder("laas.webhooks.deliveries.sent")
			.description("Webhook requests sent (every attempt that went out)")
			.register(meters);
		this.succeeded = Counter.builder("laas.webhooks.deliveries.succeeded")
			.description("Webhook attempts answered with a 2xx")
			.register(meters);
		this.latencySuccess = latency(meters, "success");
		this.latencyFailure = latency(meters, "failure");
		Gauge.builder("laas.webhooks.deliveries.pending", this.pending, AtomicLong::get)
			.description("Deliveries waiting to be sent or retried")
			.register(meters);
		Gauge.builder("laas.webhooks.deliveries.in_flight", inFlight)
			.description("Webhook attempts under way in this instance")
			.register(meters);
	}

	private static Timer latency(MeterRegistry meters, String outcome) {
		return Timer.builder("laas.webhooks.delivery.latency")
			.description("Time from sending a webhook request to its response")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

	void attempted(boolean sentOut, long latencyMs, Verdict verdict, String outcome) {
		if (sentOut) {
			this.sent.increment();
			(verdict.succeeded() ? this.latencySuccess : this.latencyFailure).record(Duration.ofMillis(latencyMs));
		}
		if (verdict.succeeded()) {
			this.succeeded.increment();
		}
		else {
			Counter.builder("laas.webhooks.deliveries.failed")
				.description("Webhook attempts that did not succeed")
				.tag("reason", verdict.reason())
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

	void pending(long count) {
		this.pending.set(count);
	}

}
