package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded binaries, a separate OS process) set up for logical decoding, so that
 * Debezium streams from it as it would from a production server. Holds the {@value #DATABASE} database.
 */
public final class LocalPostgres implements AutoCloseable {

	/** The database the services use; created on first start. */
	public static final String DATABASE = "laas";

	private static final String SUPERUSER = "postgres";

	/** initdb runs with -A trust, so any password is accepted; clients still configure one, as in production. */
	private static final String PASSWORD = "postgres";

	/**
	 * The role command-api serves requests as, created at every start if missing: LOGIN, not superuser, not
	 * BYPASSRLS, owner of nothing, so Postgres' row-level security holds it (docs/operations.md, "Database roles").
	 */
	public static final String APP_USER = "laas_app";

	private static final String APP_PASSWORD = "laas_app";

	/** Generous: a durable cluster stopped by a crash replays its WAL before it answers. */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	/**
	 * How to start the server.
	 *
	 * @param dataDirectory the cluster's directory, kept across restarts and reused when it already holds a
	 * cluster; {@code null} for a temporary one deleted at close
	 * @param port the port to listen on, {@code 0} for a free one
	 * @param durable whether commits survive an OS crash (fsync, full_page_writes): on for the dev stack and
	 * benchmarks, off for tests
	 */
	public record Options(Path dataDirectory, int port, boolean durable) {

		/** A temporary, non-durable server on a free port. */
		public static Options forTests() {
			return new Options(null, 0, false);
		}

	}

	private final EmbeddedPostgres server;

	private final int port;

	private final Path logFile;

	/** The directory to delete at close, or {@code null} when the caller owns the data directory. */
	private final Path temporaryRoot;

	private boolean closed;

	private LocalPostgres(EmbeddedPostgres server, int port, Path logFile, Path temporaryRoot) {
		this.server = server;
		this.port = port;
		this.logFile = logFile;
		this.temporaryRoot = temporaryRoot;
	}

	public static LocalPostgres start(Options options) {
		Path temporaryRoot = (options.dataDirectory() != null) ? null : Directories.createTemporary("laas-postgres-");
		Path dataDirectory = (temporaryRoot != null) ? temporaryRoot.resolve("data")
				: options.dataDirectory().toAbsolutePath();
		// Beside the data directory, not in it: initdb refuses a directory that is not empty.
		Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
		int port = (options.port() != 0) ? options.port() : FreePorts.pick();
		Directories.create(dataDirectory.getParent());
		OrphanedPostmaster.stopIfAny(dataDirectory);
		EmbeddedPostgres server;
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				// Keeps the cluster across restarts; zonky only runs initdb when postgresql.conf is missing.
				.setCleanDataDirectory(false)
				.setPort(port)
				.setPGStartupWait(STARTUP_WAIT)
				// ShutdownSequence stops the server, in order with Kafka; zonky's own hook would race it.
				.setRegisterShutdownHook(false)
				// C collation: same sort order whatever the host's LANG, and no glibc collation-version drift
				// for a data directory that outlives upgrades of the machine.
				.setLocaleConfig("locale", "C")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			serverConfig(options.durable()).forEach(builder::setServerConfig);
			server = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			if (temporaryRoot != null) {
				Directories.deleteRecursively(temporaryRoot);
			}
			throw new IllegalStateException("PostgreSQL did not start in " + dataDirectory + ": " + ex.getMessage()
					+ LogTail.of(logFile), ex);
		}
		LocalPostgres postgres = new LocalPostgres(server, port, logFile, temporaryRoot);
		ShutdownSequence.register(postgres);
		try {
			postgres.createDatabaseIfMissing();
			postgres.createAppRoleIfMissing();
		}
		catch (SQLException ex) {
			postgres.close();
			throw new IllegalStateException("could not create database " + DATABASE + " or role " + APP_USER + ": "
					+ ex.getMessage(), ex);
		}
		return postgres;
	}

	/** Settings passed as -c options on every start, so they hold for a reused data directory too. */
	static Map<String, String> serverConfig(boolean durable) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("wal_level", "logical");
		config.put("max_replication_slots", "16");
		config.put("max_wal_senders", "16");
		config.put("max_connections", "200");
		// zonky defaults to off, which holds logical decoding of a commit back until the WAL writer flushes it
		// (up to ~200 ms): Debezium latency would be measured against that delay instead of our pipeline.
		config.put("synchronous_commit", "on");
		// Caps the WAL an abandoned Debezium slot can pin; past it the slot turns 'lost' instead of filling the disk.
		config.put("max_slot_wal_keep_size", "1GB");
		config.put("shared_buffers", "256MB");
		// zonky passes -F (fsync off). Tests throw their cluster away, so an OS crash cannot lose anything they
		// need, and skipping fsync keeps them fast. The dev stack and benchmarks keep their data and must measure
		// the cost of real commits, so they sync like production.
		config.put("fsync", durable ? "on" : "off");
		config.put("full_page_writes", durable ? "on" : "off");
		return config;
	}

	private void createDatabaseIfMissing() throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD);
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet row = exists.executeQuery()) {
				if (row.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
	}

	/**
	 * Creates {@value #APP_USER} when it does not exist, and (re)states its attributes when it does, so a role
	 * altered by hand cannot keep a privilege that would let it bypass row-level security.
	 */
	private void createAppRoleIfMissing() throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_USER
					+ "') THEN CREATE ROLE " + APP_USER + "; END IF; END $$");
			statement.execute("ALTER ROLE " + APP_USER + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
					+ "NOREPLICATION PASSWORD '" + APP_PASSWORD + "'");
		}
	}

	/** JDBC URL of the {@value #DATABASE} database. */
	public String jdbcUrl() {
		return jdbcUrl(DATABASE);
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public int port() {
		return this.port;
	}

	public String user() {
		return SUPERUSER;
	}

	public String password() {
		return PASSWORD;
	}

	/** The application role (requests): subject to row-level security. {@link #user()} is the owner. */
	public String appUser() {
		return APP_USER;
	}

	public String appPassword() {
		return APP_PASSWORD;
	}

	/** The server's own log (pg_ctl and postmaster output), beside the data directory. */
	public Path logFile() {
		return this.logFile;
	}

	/** Stops the server (fast shutdown) and deletes a temporary data directory. Safe to call twice. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ShutdownSequence.forget(this);
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not stop PostgreSQL", ex);
		}
		finally {
			if (this.temporaryRoot != null) {
				Directories.deleteRecursively(this.temporaryRoot);
			}
		}
	}

	@Override
	public String toString() {
		return "LocalPostgres[" + jdbcUrl() + "]";
	}

}
