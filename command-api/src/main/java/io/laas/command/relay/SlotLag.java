package io.laas.command.relay;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How much WAL the relay's replication slot holds back (bytes between the server's current position and what the
 * relay confirmed), as gauge {@code laas.relay.slot.lag.bytes}; -1 when the slot does not exist. A growing value
 * means the relay is down or slow, and Postgres is keeping WAL for it.
 */
@Component
class SlotLag {

	private final JdbcTemplate jdbc;

	private final RelaySettings settings;

	private final AtomicLong lagBytes = new AtomicLong(-1);

	SlotLag(JdbcTemplate jdbc, RelaySettings settings, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.settings = settings;
		Gauge.builder("laas.relay.slot.lag.bytes", lagBytes, AtomicLong::get)
			.description("WAL retained by the relay's replication slot")
			.baseUnit("bytes")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${laas.relay.slot-lag-check-ms:5000}")
	void measure() {
		List<Long> lag = jdbc.queryForList("select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
				+ "from pg_replication_slots where slot_name = ?", Long.class, settings.slotName());
		lagBytes.set(lag.isEmpty() || lag.get(0) == null ? -1 : lag.get(0));
	}

	long lagBytes() {
		return lagBytes.get();
	}

}
