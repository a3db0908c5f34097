package io.laas.webhooks.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.laas.webhooks.delivery.internal.AttemptResult;
import io.laas.webhooks.delivery.internal.Claim;
import io.laas.webhooks.delivery.internal.Settlement;

/**
 * One INFO line per delivery attempt, under its own logger ({@value #LOGGER}) so that it can be turned down alone:
 * {@code delivery_id}, {@code attempt}, {@code endpoint_id}, {@code event_id}, {@code event_type}, {@code ledger_id},
 * {@code sequence}, {@code status_code} (absent when no response came), {@code reason} (the verdict's code, e.g.
 * {@code http_2xx}, {@code timeout}), {@code outcome} (the delivery's state after it: succeeded, pending, failed,
 * dead...), {@code latency_ms} and, for a failure, {@code error}. The endpoint's URL is not logged (it may carry a
 * token); the delivery log in the database has it. {@code event_id} and {@code (ledger_id, sequence)} join the line
 * to command-api's accept line and the projector's batch line.
 */
final class AttemptLog {

	static final String LOGGER = "io.laas.webhooks.attempts";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private AttemptLog() {
	}

	static void attempted(Claim claim, AttemptResult result, Settlement settlement, boolean recorded) {
		if (!log.isInfoEnabled()) {
			return;
		}
		var line = log.atInfo()
			.addKeyValue("delivery_id", claim.deliveryId().toString())
			.addKeyValue("attempt", claim.attempt())
			.addKeyValue("endpoint_id", claim.endpoint().id().toString())
			.addKeyValue("event_id", claim.eventId().toString())
			.addKeyValue("event_type", claim.eventType())
			.addKeyValue("ledger_id", claim.ledgerId().toString())
			.addKeyValue("sequence", claim.sequence())
			.addKeyValue("reason", result.verdict().reason())
			.addKeyValue("outcome", recorded ? settlement.status() : "lease_lost")
			.addKeyValue("latency_ms", result.latencyMs());
		if (result.statusCode() != null) {
			line.addKeyValue("status_code", result.statusCode());
		}
		if (result.error() != null) {
			line.addKeyValue("error", result.error());
		}
		line.log("delivery {} attempt {} of event {} (ledger {} sequence {}) to endpoint {}: {} -> {}",
				claim.deliveryId(), claim.attempt(), claim.eventId(), claim.ledgerId(), claim.sequence(),
				claim.endpoint().id(), result.verdict().reason(), recorded ? settlement.status() : "lease_lost");
	}

}
