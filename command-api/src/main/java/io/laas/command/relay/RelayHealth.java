package io.laas.command.relay;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code relay}: what this instance's CDC relay does.
 *
 * <ul>
 * <li>UP when it streams (the leader) or waits as a standby (another instance leads), or is disabled;</li>
 * <li>DOWN when it took the leader lock but refused to stream (the slot no longer matches the stored offsets; the
 * lock is let go between attempts, so {@code leader} shows false) or its engine failed: events stop reaching Kafka
 * until a person acts or a retry streams;</li>
 * <li>UNKNOWN while starting or stopped.</li>
 * </ul>
 * Details: {@code state}, {@code leader}, {@code since}, the refusal or failure as {@code problem}; the leader adds
 * {@code publishLagMs} (as meter {@code laas.relay.lag.ms}: now minus recorded_at of the last event it published,
 * so it also grows while nothing is written); every instance shows {@code slotLagBytes} (meter
 * {@code laas.relay.slot.lag.bytes}, -1 when the slot does not exist). Not part of the readiness group: a relay
 * problem must not take the API out of the load balancer, since writes are still accepted and wait in
 * {@code events} (docs/operations.md, "Health and readiness").
 */
@Component("relay")
class RelayHealth implements HealthIndicator {

	private final EventRelay relay;

	private final SlotLag slotLag;

	RelayHealth(EventRelay relay, SlotLag slotLag) {
		this.relay = relay;
		this.slotLag = slotLag;
	}

	@Override
	public Health health() {
		RelayState state = this.relay.state();
		Health.Builder health = Health.status(statusOf(state.phase()))
			.withDetail("state", state.phase().name().toLowerCase())
			.withDetail("leader", this.relay.isLeader())
			.withDetail("since", state.since().toString());
		if (state.problem() != null) {
			health.withDetail("problem", state.problem());
		}
		if (this.relay.isLeader()) {
			long last = this.relay.lastRecordedAtMs();
			health.withDetail("publishLagMs", (last == 0) ? 0 : Math.max(0, System.currentTimeMillis() - last));
			if (last != 0) {
				health.withDetail("lastPublishedRecordedAt", Instant.ofEpochMilli(last).toString());
			}
		}
		return health.withDetail("slotLagBytes", this.slotLag.lagBytes()).build();
	}

	private static Status statusOf(RelayState.Phase phase) {
		switch (phase) {
			case STREAMING:
			case STANDBY:
			case DISABLED:
				return Status.UP;
			case REFUSED:
			case FAILED:
				return Status.DOWN;
			default:
				return Status.UNKNOWN;
		}
	}

}
