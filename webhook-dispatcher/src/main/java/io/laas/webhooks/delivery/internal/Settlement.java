package io.laas.webhooks.delivery.internal;

import java.time.Instant;

/**
 * The state a delivery moves to after an attempt.
 *
 * @param status pending, succeeded, failed or dead
 * @param nextAttemptAt when pending; null otherwise
 * @param retryStep failed attempts since creation or the last redelivery
 */
public record Settlement(String status, Instant nextAttemptAt, int retryStep) {

	public static final String PENDING = "pending";

	public static final String SUCCEEDED = "succeeded";

	public static final String FAILED = "failed";

	public static final String DEAD = "dead";

}
