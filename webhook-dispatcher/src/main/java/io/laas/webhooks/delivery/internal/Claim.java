package io.laas.webhooks.delivery.internal;

import java.util.UUID;

/**
 * A delivery leased to one worker for one attempt.
 *
 * @param attempt the number of this attempt (delivery_attempts.attempt), assigned when claimed
 * @param retryStep failed attempts before this one since creation or the last redelivery
 */
public record Claim(UUID deliveryId, UUID ledgerId, UUID eventId, String eventType, String body, int attempt,
		int retryStep, EndpointTarget endpoint) {

}
