package io.laas.command.relay;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debezium's offsets in our own table ({@code relay_offsets}), in the same database we trust for the events: no
 * local file to lose when a container moves, and a standby that takes over reads the leader's last position.
 * Debezium instantiates it reflectively and configures it from the engine properties ({@code offset.storage.laas.*}).
 */
public class PostgresOffsetStore extends MemoryOffsetBackingStore {

	static final String URL = "offset.storage.laas.jdbc.url";

	static final String USER = "offset.storage.laas.jdbc.user";

	static final String PASSWORD = "offset.storage.laas.jdbc.password";

	static final String NAME = "offset.storage.laas.name";

	/**
	 * The LSN fields of Debezium's Postgres source offset: the last event's LSN, the last commit's LSN and the last
	 * completely processed LSN. Debezium confirms {@code lsn_commit} (else {@code lsn_proc}) to the slot, and only
	 * after the offset holding it was stored here.
	 */
	private static final List<String> LSN_FIELDS = List.of("lsn", "lsn_commit", "lsn_proc");

	private static final JsonMapper json = JsonMapper.builder().build();

	private String url;

	private String user;

	private String password;

	private String name;

	@Override
	public void configure(WorkerConfig config) {
		super.configure(config);
		Map<String, Object> originals = config.originals();
		this.url = (String) originals.get(URL);
		this.user = (String) originals.get(USER);
		this.password = (String) originals.get(PASSWORD);
		this.name = (String) originals.get(NAME);
		if (url == null || name == null) {
			throw new ConnectException("PostgresOffsetStore needs " + URL + " and " + NAME);
		}
	}

	@Override
	public synchronized void start() {
		super.start();
		Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(url, user, password);
				PreparedStatement select = connection.prepareStatement(
						"select offset_key, offset_value from relay_offsets where store_name = ?")) {
			select.setString(1, name);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					byte[] value = rs.getBytes(2);
					loaded.put(ByteBuffer.wrap(rs.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
				}
			}
		}
		catch (SQLException ex) {
			throw new ConnectException("could not load relay offsets: " + ex.getMessage(), ex);
		}
		this.data.putAll(loaded);
	}

	/** Called on Debezium's offset thread after every flush; writes the whole (tiny) map in one transaction. */
	@Override
	protected void save() {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			connection.setAutoCommit(false);
			try (PreparedStatement upsert = connection.prepareStatement("insert into relay_offsets (store_name, "
					+ "offset_key, offset_value, updated_at) values (?, ?, ?, now()) on conflict (store_name, offset_key) "
					+ "do update set offset_value = excluded.offset_value, updated_at = now()")) {
				for (Map.Entry<ByteBuffer, ByteBuffer> entry : this.data.entrySet()) {
					upsert.setString(1, name);
					upsert.setBytes(2, bytes(entry.getKey()));
					upsert.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
					upsert.addBatch();
				}
				upsert.executeBatch();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new ConnectException("could not store relay offsets: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Set<Map<String, Object>> connectorPartitions(String connectorName) {
		return Set.of();
	}

	private static byte[] bytes(ByteBuffer buffer) {
		ByteBuffer copy = buffer.duplicate();
		byte[] bytes = new byte[copy.remaining()];
		copy.get(bytes);
		return bytes;
	}

	/** Whether offsets were ever stored under this name: then the slot must still exist, or events were skipped. */
	static boolean hasOffsets(Connection connection, String name) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"select 1 from relay_offsets where store_name = ? limit 1")) {
			select.setString(1, name);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next();
			}
		}
	}

	/**
	 * The furthest WAL position the stored offsets of this name mention (the largest of their {@link #LSN_FIELDS}),
	 * or empty when none is stored (no offsets yet, or only a snapshot in progress).
	 */
	static OptionalLong storedLsnMax(Connection connection, String name) throws SQLException {
		long max = -1;
		try (PreparedStatement select = connection.prepareStatement(
				"select offset_value from relay_offsets where store_name = ? and offset_value is not null")) {
			select.setString(1, name);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					JsonNode offset = json.readTree(rs.getBytes(1));
					for (String field : LSN_FIELDS) {
						JsonNode lsn = offset.get(field);
						if (lsn != null && lsn.isIntegralNumber()) {
							max = Math.max(max, lsn.asLong());
						}
					}
				}
			}
		}
		return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
	}

}
