package io.laas.webhooks.delivery.internal;

import java.util.UUID;

/**
 * A delivery leased to one worker for one attempt.
 *
 * @param sequence the event's sequence in its ledger (with the ledger id, the key that joins logs across services)
 * @param attempt the number of this attempt (delivery_attempts.attempt), assigned when claimed
 * @param retryStep failed attempts before this one since creation or the last redelivery
 */
public record Claim(UUID deliveryId, UUID ledgerId, long sequence, UUID eventId, String eventType, String body,
		int attempt, int retryStep, EndpointTarget endpoint) {

}
