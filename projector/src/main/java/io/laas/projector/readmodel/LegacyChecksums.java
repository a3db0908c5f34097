package io.laas.projector.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * V2 once named its table {@code read_model.postings}; it now leaves the schema to Flyway's {@code search_path}, so
 * that the same migrations can build a replay's schema (see {@link ReadModelSchema}). The statement does the same
 * thing in {@code read_model}, but its text, hence Flyway's checksum, changed: a database migrated with the old text
 * would fail validation. This moves exactly that stored checksum (old value, version 2) to the new one, before Flyway
 * validates; any other mismatch still fails as Flyway means it to.
 */
final class LegacyChecksums {

	private static final Logger log = LoggerFactory.getLogger(LegacyChecksums.class);

	static final String VERSION = "2";

	/** CRC32 of V2 as first written ({@code ... on read_model.postings (...)}). */
	static final int V2_QUALIFIED = -397861725;

	/** CRC32 of V2 as it is now. */
	static final int V2_UNQUALIFIED = -1070723698;

	private LegacyChecksums() {
	}

	static void realign(DataSource dataSource, String schema) {
		try (Connection connection = dataSource.getConnection()) {
			if (!historyExists(connection, schema)) {
				return;
			}
			try (PreparedStatement update = connection.prepareStatement("update " + schema
					+ ".flyway_schema_history set checksum = ? where version = ? and checksum = ?")) {
				update.setInt(1, V2_UNQUALIFIED);
				update.setString(2, VERSION);
				update.setInt(3, V2_QUALIFIED);
				if (update.executeUpdate() > 0) {
					log.info("Flyway history of {}: checksum of V{} moved to its schema-neutral text", schema, VERSION);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not read the Flyway history of " + schema, ex);
		}
	}

	private static boolean historyExists(Connection connection, String schema) throws SQLException {
		try (PreparedStatement exists = connection.prepareStatement("select to_regclass(?) is not null")) {
			exists.setString(1, ReadModelSchema.requireName(schema) + ".flyway_schema_history");
			try (ResultSet rows = exists.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

}
