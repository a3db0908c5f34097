package io.laas.command.relay;

import java.net.URI;
import java.util.Properties;

/** The Debezium engine configuration of the relay, from the datasource and {@link RelaySettings}. */
final class EngineProperties {

	private EngineProperties() {
	}

	static Properties of(RelaySettings relay, String jdbcUrl, String user, String password) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String database = uri.getPath().substring(1);
		Properties p = new Properties();
		p.setProperty("name", "laas-relay-" + relay.slotName());
		p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		p.setProperty("offset.storage", PostgresOffsetStore.class.getName());
		p.setProperty(PostgresOffsetStore.URL, jdbcUrl);
		p.setProperty(PostgresOffsetStore.USER, user);
		p.setProperty(PostgresOffsetStore.PASSWORD, password == null ? "" : password);
		p.setProperty(PostgresOffsetStore.NAME, relay.slotName());
		p.setProperty("offset.flush.interval.ms", String.valueOf(relay.offsetFlushIntervalMs()));
		p.setProperty("database.hostname", uri.getHost());
		p.setProperty("database.port", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()));
		p.setProperty("database.user", user);
		p.setProperty("database.password", password == null ? "" : password);
		p.setProperty("database.dbname", database);
		p.setProperty("topic.prefix", "laas");
		p.setProperty("plugin.name", "pgoutput");
		p.setProperty("slot.name", relay.slotName());
		p.setProperty("publication.name", relay.publication());
		// The publication is created by a Flyway migration; the relay's database user never needs to own the table.
		p.setProperty("publication.autocreate.mode", "disabled");
		p.setProperty("table.include.list", "public.events");
		// First start (no stored offsets): copy every existing row, in ledger order, then stream. Rows committed
		// before the slot existed would otherwise never reach Kafka.
		p.setProperty("snapshot.mode", "initial");
		p.setProperty("snapshot.select.statement.overrides", "public.events");
		p.setProperty("snapshot.select.statement.overrides.public.events",
				"select * from public.events order by ledger_id, sequence");
		p.setProperty("poll.interval.ms", String.valueOf(relay.pollIntervalMs()));
		p.setProperty("heartbeat.interval.ms", String.valueOf(relay.heartbeatIntervalMs()));
		p.setProperty("max.batch.size", "4096");
		p.setProperty("max.queue.size", "16384");
		p.setProperty("decimal.handling.mode", "string");
		p.setProperty("transforms", "unwrap");
		p.setProperty("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
		p.setProperty("converter.schemas.enable", "false");
		p.setProperty("key.converter.schemas.enable", "false");
		p.setProperty("value.converter.schemas.enable", "false");
		// A broken configuration should fail the start, not leave a half-started engine retrying forever.
		p.setProperty("errors.max.retries", "3");
		return p;
	}

}
