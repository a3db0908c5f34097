package io.laas.webhooks.delivery.internal;

import java.util.List;

/**
 * What one claim did: the deliveries leased to this instance, and the due deliveries it failed on the way
 * because their endpoint is disabled or gone (they became final without a request).
 */
public record Claims(List<Claim> claimed, List<Unsent> failedUnsent) {

	public static final Claims NONE = new Claims(List.of(), List.of());

	public Claims {
		claimed = List.copyOf(claimed);
		failedUnsent = List.copyOf(failedUnsent);
	}

	/**
	 * A delivery failed without a request.
	 * @param reason {@link #ENDPOINT_DISABLED} or {@link #ENDPOINT_DELETED}
	 * @param attempts attempts it had made before
	 */
	public record Unsent(String reason, int attempts) {

		public static final String ENDPOINT_DISABLED = "endpoint_disabled";

		public static final String ENDPOINT_DELETED = "endpoint_deleted";

	}

}
