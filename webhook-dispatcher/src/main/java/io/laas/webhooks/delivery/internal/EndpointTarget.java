package io.laas.webhooks.delivery.internal;

import java.time.Instant;
import java.util.UUID;

/** An endpoint as one attempt sees it, read when the delivery is claimed (so a changed URL or secret applies). */
public record EndpointTarget(UUID id, UUID ledgerId, String url, boolean enabled, String secret,
		String previousSecret, Instant previousSecretExpiresAt) {

	/** During a rotation the previous secret signs too, until it expires (no expiry: until it is removed). */
	public boolean previousSecretValidAt(Instant now) {
		return this.previousSecret != null && !this.previousSecret.isBlank()
				&& (this.previousSecretExpiresAt == null || this.previousSecretExpiresAt.isAfter(now));
	}

	@Override
	public String toString() {
		return "EndpointTarget[" + this.id + " " + this.url + "]";
	}

}
