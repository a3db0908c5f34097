package io.laas.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.laas.events.Topics;

/**
 * @param slotName the replication slot (one per deployment; tests use their own)
 * @param pollIntervalMs how often Debezium hands over changes: its 500 ms default alone would dominate latency
 * @param offsetFlushIntervalMs how often processed offsets are stored; bounds the duplicates after a crash
 * @param leaderRetryMs how often a standby tries to take the leader lock
 * @param heartbeatIntervalMs keeps an idle slot's position moving so it does not pin WAL
 */
@ConfigurationProperties("laas.relay")
public record RelaySettings(Boolean enabled, String slotName, String publication, String topic, Long pollIntervalMs,
		Long offsetFlushIntervalMs, Long leaderRetryMs, Long heartbeatIntervalMs) {

	public RelaySettings {
		enabled = enabled == null || enabled;
		slotName = slotName == null ? "laas_relay" : slotName;
		publication = publication == null ? "laas_events" : publication;
		topic = topic == null ? Topics.LEDGER_EVENTS : topic;
		pollIntervalMs = pollIntervalMs == null ? 10L : pollIntervalMs;
		offsetFlushIntervalMs = offsetFlushIntervalMs == null ? 1000L : offsetFlushIntervalMs;
		leaderRetryMs = leaderRetryMs == null ? 1000L : leaderRetryMs;
		heartbeatIntervalMs = heartbeatIntervalMs == null ? 10_000L : heartbeatIntervalMs;
		if (!slotName.matches("[a-z0-9_]{1,63}")) {
			throw new IllegalArgumentException("laas.relay.slot-name must be 1 to 63 of [a-z0-9_]: " + slotName);
		}
	}

}
