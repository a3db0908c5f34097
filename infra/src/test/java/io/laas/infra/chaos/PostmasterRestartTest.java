package io.laas.infra.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.laas.infra.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RESTART_POSTGRES fault against a server of its own (not the shared test server): a server launched as
 * LocalPostgres launches the dev stack's, killed with its server processes, started again from its own command line.
 */
class PostmasterRestartTest {

	@TempDir
	Path root;

	private Path dataDirectory;

	private LocalPostgres postgres;

	@BeforeEach
	void startServer() throws SQLException {
		this.dataDirectory = this.root.resolve("postgres");
		this.postgres = LocalPostgres.start(new LocalPostgres.Options(this.dataDirectory, 0, true));
		try (Connection db = connect(); Statement statement = db.createStatement()) {
			statement.execute("CREATE TABLE kept (id int PRIMARY KEY)");
			statement.execute("INSERT INTO kept VALUES (1), (2), (3)");
			statement.execute("SELECT pg_create_logical_replication_slot('restart_test', 'pgoutput')");
		}
	}

	@AfterEach
	void stopServer() {
		this.postgres.close();
	}

	@Test
	void run_replacesThePostmasterAndEveryServerProcess_andTheServerKeepsItsRowsAndSlots() throws Exception {
		long oldPostmaster = postmasterPid();
		List<Long> oldProcesses = new ArrayList<>(ProcessHandle.of(oldPostmaster).orElseThrow().children()
			.map(ProcessHandle::pid)
			.toList());
		oldProcesses.add(oldPostmaster);

		PostmasterRestart.Result result = new PostmasterRestart(this.dataDirectory, Duration.ofSeconds(60)).run();

		assertThat(result.oldPid()).isEqualTo(oldPostmaster);
		assertThat(result.newPid()).isNotEqualTo(oldPostmaster).isEqualTo(postmasterPid());
		assertThat(result.serverProcessesKilled()).isEqualTo(oldProcesses.size() - 1).isPositive();
		assertThat(oldProcesses).allSatisfy((pid) -> assertThat(Path.of("/proc", pid.toString())).doesNotExist());
		assertThat(ProcessHandle.of(result.newPid()).map(ProcessHandle::isAlive)).contains(true);
		try (Connection db = connect(); Statement statement = db.createStatement()) {
			assertThat(count(statement, "SELECT count(*) FROM kept")).isEqualTo(3);
			assertThat(count(statement, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'restart_test'"))
				.isEqualTo(1);
			statement.execute("SELECT pg_drop_replication_slot('restart_test')");
		}
		assertThat(Files.readString(this.postgres.logFile()))
			.contains("database system was not properly shut down; automatic recovery in progress");
	}

	@Test
	void close_stopsTheRestartedPostmaster_andLeavesNoServerProcess() throws Exception {
		try (Connection db = connect(); Statement statement = db.createStatement()) {
			statement.execute("SELECT pg_drop_replication_slot('restart_test')");
		}
		PostmasterRestart.Result result = new PostmasterRestart(this.dataDirectory, Duration.ofSeconds(60)).run();
		ProcessHandle restarted = ProcessHandle.of(result.newPid()).orElseThrow();
		List<ProcessHandle> serverProcesses = restarted.children().toList();
		assertThat(serverProcesses).isNotEmpty();

		// What ./laas down reaches through InfraMain's shutdown hook: pg_ctl -D <data> stop.
		this.postgres.close();

		restarted.onExit().get(30, TimeUnit.SECONDS);
		for (ProcessHandle process : serverProcesses) {
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		assertThat(serversIn(this.dataDirectory)).isEmpty();
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.postgres.jdbcUrl(), this.postgres.user(), this.postgres.password());
	}

	private long postmasterPid() throws IOException {
		return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).trim());
	}

	private static int count(Statement statement, String sql) throws SQLException {
		try (ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getInt(1);
		}
	}

	/** Live processes whose working directory is the data directory: every PostgreSQL server process has it. */
	private static List<Long> serversIn(Path dataDirectory) throws IOException {
		Path real = dataDirectory.toRealPath();
		List<Long> pids = new ArrayList<>();
		ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach((process) -> {
			try {
				if (Path.of("/proc", Long.toString(process.pid()), "cwd").toRealPath().equals(real)) {
					pids.add(process.pid());
				}
			}
			catch (IOException ex) {
				// Gone meanwhile, or not ours to read.
			}
		});
		return pids;
	}

}
