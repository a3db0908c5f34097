package io.laas.command.relay;

import java.time.Instant;
import java.util.Objects;

/**
 * What this instance's relay is doing, as {@link RelayHealth} shows it: set by {@link EventRelay}'s leader loop at
 * each change, read by any thread.
 *
 * @param phase where the leader loop is
 * @param problem why it refused or failed (the refusal says what the operator does); null otherwise
 * @param since when the phase began
 */
record RelayState(Phase phase, String problem, Instant since) {

	enum Phase {

		/** {@code laas.relay.enabled=false}: this instance never relays. */
		DISABLED,
		/** Started; has not yet tried the leader lock, or holds it and the engine is starting. */
		STARTING,
		/** Another instance holds the leader lock and relays; this one waits to take over. */
		STANDBY,
		/** Leader, and the engine is reading the replication slot. */
		STREAMING,
		/** Leader, but streaming could skip events (SlotCheck): retried every leader-retry-ms, a person is needed. */
		REFUSED,
		/** The engine (or the lock connection) failed; retried every leader-retry-ms until it streams again. */
		FAILED,
		/** Stopped with the application. */
		STOPPED

	}

	/** This state if nothing changed (so {@code since} keeps the start of a refusal retried every second), else a new one. */
	RelayState next(Phase phase, String problem) {
		return (this.phase == phase && Objects.equals(this.problem, problem)) ? this : of(phase, problem);
	}

	static RelayState of(Phase phase) {
		return new RelayState(phase, null, Instant.now());
	}

	static RelayState of(Phase phase, String problem) {
		return new RelayState(phase, problem, Instant.now());
	}

}
