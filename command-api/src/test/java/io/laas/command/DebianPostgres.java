package io.laas.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server of the machine's Debian packages ({@value #BIN}), with the {@code pg_dump} and
 * {@code pg_restore} of the same major version, for tests that need the real client tools. The project's own test
 * server (infra's {@code LocalPostgres}, zonky's PostgreSQL 17) ships only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}, and a {@code pg_dump} refuses a server of a newer major version than its own; so a dump is
 * taken of, and restored into, this server.
 *
 * <p>We run as root and PostgreSQL refuses to: {@code initdb} and the postmaster run as the OS user {@value #OS_USER}
 * through {@code runuser}, in a temporary directory handed to that user. The server listens on 127.0.0.1 on a free
 * port (trust authentication, superuser {@value #SUPERUSER}) and on a Unix socket in that directory, never in
 * {@code /var/run/postgresql}. {@link #close()} stops it by its postmaster's PID (SIGINT, PostgreSQL's fast
 * shutdown) and deletes the directory; a JVM shutdown hook does the same if the caller never gets to close it.
 */
final class DebianPostgres implements AutoCloseable {

	static final String BIN = "/usr/lib/postgresql/15/bin";

	static final String SUPERUSER = "postgres";

	private static final String OS_USER = "postgres";

	private static final long COMMAND_TIMEOUT_SECONDS = 60;

	private static final long STOP_WAIT_SECONDS = 30;

	private final Path root;

	private final int port;

	private final ProcessHandle postmaster;

	private final Thread shutdownHook;

	private boolean closed;

	private DebianPostgres(Path root, int port, ProcessHandle postmaster) {
		this.root = root;
		this.port = port;
		this.postmaster = postmaster;
		this.shutdownHook = new Thread(this::stop, "debian-postgres-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * initdb (UTF8, C locale, as infra's server) and start, {@code wal_level=logical} as production needs for its
	 * publication. fsync off: the cluster is thrown away after the test.
	 */
	static DebianPostgres start() {
		if (!Files.isExecutable(Path.of(BIN, "postgres"))) {
			throw new IllegalStateException("no PostgreSQL server in " + BIN + " (Debian's postgresql-15 package)");
		}
		Path root = temporaryDirectoryOwnedBy(OS_USER);
		Path data = root.resolve("data");
		Path log = root.resolve("postgres.log");
		try {
			run(root, List.of("runuser", "-u", OS_USER, "--", BIN + "/initdb", "-D", data.toString(), "-A", "trust",
					"-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync"));
			int port = freePort();
			String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c wal_level=logical"
					+ " -c fsync=off -c full_page_writes=off -c max_connections=50";
			run(root, List.of("runuser", "-u", OS_USER, "--", BIN + "/pg_ctl", "-D", data.toString(), "-o", options,
					"-l", log.toString(), "-w", "-t", Long.toString(COMMAND_TIMEOUT_SECONDS), "start"));
			long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
			ProcessHandle postmaster = ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException("postmaster " + pid + " is not running"));
			return new DebianPostgres(root, port, postmaster);
		}
		catch (IOException | RuntimeException ex) {
			stopPostmasterIfAny(data);
			deleteRecursively(root);
			throw new IllegalStateException("Debian PostgreSQL did not start: " + ex.getMessage() + logTail(log), ex);
		}
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** A libpq connection URI, as an operator passes to {@code pg_dump} and {@code pg_restore}. */
	String uri(String database) {
		return "postgresql://" + SUPERUSER + "@127.0.0.1:" + this.port + "/" + database;
	}

	int majorVersion() {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
				var row = statement.executeQuery("show server_version_num")) {
			row.next();
			return row.getInt(1) / 10_000;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
	}

	/** Runs SQL as the superuser in the {@code postgres} database (CREATE DATABASE, CREATE ROLE). */
	void execute(String sql) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	/** A file in the server's temporary directory (deleted with it), for dumps. */
	Path file(String name) {
		return this.root.resolve(name);
	}

	/**
	 * Runs one of this installation's client programs ({@code pg_dump}, {@code pg_restore}) with the arguments
	 * given; fails with its output unless it exits with 0. Returns its output.
	 */
	String client(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(BIN + "/" + program);
		command.addAll(List.of(arguments));
		try {
			return run(this.root, command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the server by its PID (fast shutdown), waits for it to exit, deletes its directory. Safe twice. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook is running or has run; stop() above did the work either way.
		}
	}

	private synchronized void stop() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			signalAndWait(this.postmaster);
		}
		finally {
			deleteRecursively(this.root);
		}
	}

	private static void signalAndWait(ProcessHandle postmaster) {
		if (!postmaster.isAlive()) {
			return;
		}
		try {
			// SIGINT is PostgreSQL's fast shutdown; ProcessHandle.destroy() sends SIGTERM, the smart shutdown that
			// waits for every client to leave.
			new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
			postmaster.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (IOException | ExecutionException | TimeoutException ex) {
			postmaster.destroyForcibly();
			throw new IllegalStateException("could not stop PostgreSQL pid " + postmaster.pid(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping PostgreSQL pid " + postmaster.pid(), ex);
		}
	}

	/** After a failed start: pg_ctl may have left a postmaster running. */
	private static void stopPostmasterIfAny(Path data) {
		try {
			Path pidFile = data.resolve("postmaster.pid");
			if (Files.exists(pidFile)) {
				ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
					.ifPresent(DebianPostgres::signalAndWait);
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("debian-postgres: could not stop the postmaster in " + data + ": " + ex);
		}
	}

	private static String run(Path directory, List<String> command) throws IOException {
		// To a file, not a pipe: a chatty program cannot block on a full pipe while we wait for it.
		Path outputFile = Files.createTempFile(directory, "command-", ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(outputFile.toFile())
			.start();
		try {
			boolean exited = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			String output = Files.readString(outputFile);
			if (!exited) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish in "
						+ COMMAND_TIMEOUT_SECONDS + " s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
						+ ":\n" + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
		}
	}

	private static Path temporaryDirectoryOwnedBy(String user) {
		try {
			Path directory = Files.createTempDirectory("laas-debian-postgres-");
			UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
			Files.setOwner(directory, owner);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not create a directory for OS user " + user, ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String logTail(Path log) {
		try {
			List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
			return lines.isEmpty() ? "" : "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20),
					lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("debian-postgres: could not delete " + directory + ": " + ex);
		}
	}

	@Override
	public String toString() {
		return "DebianPostgres[" + jdbcUrl("postgres") + "]";
	}

}
