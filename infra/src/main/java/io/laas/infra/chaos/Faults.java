package io.laas.infra.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The faults, one after another while the workload runs, each followed by a wait until the whole stack is healthy
 * again and a seeded pause. The order is a seeded shuffle; fault i fires once the workload has done
 * i/(faults+1) of its planned requests (or later, when the previous recovery took longer).
 */
final class Faults implements Runnable {

	enum Kind {

		/** kill -9 of command-api (the CDC relay runs inside it). */
		KILL_COMMAND_API("command-api"),
		/** kill -9 of the projector. */
		KILL_PROJECTOR("projector"),
		/** kill -9 of the webhook-dispatcher. */
		KILL_DISPATCHER("webhook-dispatcher"),
		/** SIGSTOP the broker, so the relay's sends get no acknowledgement, kill -9 command-api, SIGCONT. */
		FREEZE_KAFKA_KILL_RELAY("command-api"),
		/** SIGKILL of a PostgreSQL server process: the postmaster resets every connection and replays the WAL. */
		CRASH_POSTGRES("postgres"),
		/**
		 * SIGKILL of the postmaster and all its server processes, then a new postmaster on the same data directory
		 * and port, which replays the WAL ({@link PostmasterRestart}).
		 */
		RESTART_POSTGRES("postgres"),
		/** kill -9 of the broker process, then the same command line again on the same data and port. */
		RESTART_KAFKA("kafka");

		final String target;

		Kind(String target) {
			this.target = target;
		}

	}

	record Done(Kind kind, double downSeconds, String note) {
	}

	private static final Duration RECOVERY_MAX = Duration.ofSeconds(240);

	/** A new postmaster replays the WAL since the last checkpoint before it is ready: generous on a loaded machine. */
	private static final Duration POSTGRES_READY_MAX = Duration.ofSeconds(120);

	private final Stack stack;

	private final List<Kind> plan;

	private final Random random;

	private final LongSupplier progress;

	private final long planned;

	private final List<Done> done = Collections.synchronizedList(new ArrayList<>());

	private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean over;

	private volatile long kafkaPid;

	private volatile Process restartedKafka;

	private volatile boolean kafkaFrozen;

	Faults(Stack stack, long seed, int killsPerService, int freezes, int postgresCrashes, int postgresRestarts,
			int kafkaRestarts, LongSupplier progress, long planned) {
		this.stack = stack;
		this.random = new Random(seed ^ 0x5DEECE66DL);
		List<Kind> kinds = new ArrayList<>();
		for (int i = 0; i < killsPerService; i++) {
			kinds.add(Kind.KILL_COMMAND_API);
			kinds.add(Kind.KILL_PROJECTOR);
			kinds.add(Kind.KILL_DISPATCHER);
		}
		kinds.addAll(Collections.nCopies(freezes, Kind.FREEZE_KAFKA_KILL_RELAY));
		kinds.addAll(Collections.nCopies(postgresCrashes, Kind.CRASH_POSTGRES));
		kinds.addAll(Collections.nCopies(postgresRestarts, Kind.RESTART_POSTGRES));
		kinds.addAll(Collections.nCopies(kafkaRestarts, Kind.RESTART_KAFKA));
		Collections.shuffle(kinds, this.random);
		this.plan = List.copyOf(kinds);
		this.progress = progress;
		this.planned = planned;
		this.kafkaPid = Long.parseLong(stack.get("LAAS_KAFKA_PID"));
		Runtime.getRuntime().addShutdownHook(new Thread(this::thaw, "chaos-thaw"));
	}

	boolean over() {
		return this.over;
	}

	List<Kind> plan() {
		return this.plan;
	}

	List<Done> done() {
		return List.copyOf(this.done);
	}

	List<String> violations() {
		return List.copyOf(this.violations);
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < this.plan.size(); i++) {
				long due = this.planned * (i + 1) / (this.plan.size() + 1);
				while (this.progress.getAsLong() < due) {
					if (Thread.currentThread().isInterrupted()) {
						return;
					}
					Pause.millis(50);
				}
				Kind kind = this.plan.get(i);
				Instant start = Instant.now();
				String note = inject(kind);
				boolean recovered = awaitRecovery(kind);
				double down = Duration.between(start, Instant.now()).toMillis() / 1000.0;
				this.done.add(new Done(kind, down, note));
				System.out.printf("[chaos] fault %d/%d %s%s: stack healthy again after %.1f s%n", i + 1,
						this.plan.size(), kind, note.isEmpty() ? "" : " (" + note + ")", down);
				if (!recovered) {
					this.violations.add("the stack did not recover within " + RECOVERY_MAX.toSeconds() + " s after "
							+ kind);
					return;
				}
				Pause.millis(300 + this.random.nextInt(2_700));
			}
		}
		catch (RuntimeException ex) {
			this.violations.add("fault injection failed: " + ex);
			ex.printStackTrace();
		}
		finally {
			thaw();
			this.over = true;
		}
	}

	private String inject(Kind kind) {
		switch (kind) {
			case KILL_COMMAND_API, KILL_PROJECTOR, KILL_DISPATCHER -> {
				return "pid " + kill(kind.target);
			}
			case FREEZE_KAFKA_KILL_RELAY -> {
				signal(this.kafkaPid, "STOP");
				this.kafkaFrozen = true;
				long frozenMs = 1_000 + this.random.nextInt(2_000);
				Pause.millis(frozenMs);
				long pid = kill("command-api");
				Pause.millis(300);
				thaw();
				return "broker frozen " + frozenMs + " ms, command-api pid " + pid + " killed while frozen";
			}
			case CRASH_POSTGRES -> {
				return crashPostgresBackend();
			}
			case RESTART_POSTGRES -> {
				return new PostmasterRestart(this.stack.postgresDataDirectory(), POSTGRES_READY_MAX).run().describe();
			}
			case RESTART_KAFKA -> {
				return restartKafka();
			}
			default -> throw new IllegalStateException(kind.toString());
		}
	}

	private long kill(String service) {
		ProcessHandle process = awaitProcess(service);
		process.destroyForcibly();
		try {
			process.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(service + " pid " + process.pid() + " survived kill -9", ex);
		}
		return process.pid();
	}

	private ProcessHandle awaitProcess(String service) {
		Instant deadline = Instant.now().plus(RECOVERY_MAX);
		while (Instant.now().isBefore(deadline)) {
			var process = this.stack.process(service);
			if (process.isPresent()) {
				return process.get();
			}
			Pause.millis(100);
		}
		throw new IllegalStateException("no live " + service + " process");
	}

	private void signal(long pid, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill -" + signal + " " + pid + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void thaw() {
		if (this.kafkaFrozen) {
			this.kafkaFrozen = false;
			signal(this.kafkaPid, "CONT");
		}
	}

	/**
	 * A PostgreSQL crash: SIGKILL of one of the postmaster's server processes (a client backend when there is one).
	 * The postmaster then does what it does after any crashed backend: terminates every other server process (all
	 * connections, the relay's replication connection included, break), reinitialises shared memory and replays the
	 * WAL from the last checkpoint before it accepts connections again ("all server processes terminated;
	 * reinitializing" in the server log). The postmaster process itself survives; RESTART_POSTGRES is the fault that
	 * replaces it.
	 */
	private String crashPostgresBackend() {
		ProcessHandle postmaster = this.stack.postmaster().orElseThrow(() -> new IllegalStateException("no postmaster"));
		List<ProcessHandle> children = postmaster.children().toList();
		ProcessHandle victim = children.stream()
			.filter(c -> title(c).contains("127.0.0.1"))
			.findFirst()
			.orElse(children.isEmpty() ? null : children.get(0));
		if (victim == null) {
			throw new IllegalStateException("the postmaster has no server process to kill");
		}
		String what = title(victim);
		victim.destroyForcibly();
		Instant deadline = Instant.now().plus(RECOVERY_MAX);
		// Give the postmaster a moment to notice, then wait until it accepts connections again.
		Pause.millis(500);
		while (!postgresReady() && Instant.now().isBefore(deadline)) {
			Pause.millis(200);
		}
		return "killed server process " + victim.pid() + " (" + what.trim() + "), postmaster " + postmaster.pid()
				+ " recovered";
	}

	/** A PostgreSQL server process's title ("postgres: user db 127.0.0.1(port) idle"), as ps shows it. */
	private static String title(ProcessHandle process) {
		try {
			byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
			return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/**
	 * InfraMain does not restart its broker child, so the harness stands in for a supervisor: it reads the broker's
	 * command line, kills it with SIGKILL and starts the same command again (same data directory, same port). The
	 * new broker exits when this JVM ends (its stdin is our pipe), as the original does with InfraMain.
	 */
	private String restartKafka() {
		long pid = this.kafkaPid;
		ProcessHandle broker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no broker " + pid));
		List<String> command;
		Path workingDirectory;
		try {
			byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			command = new ArrayList<>(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
			workingDirectory = Path.of("/proc", Long.toString(pid), "cwd").toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the broker's command line: " + ex.getMessage(), ex);
		}
		int main = command.indexOf("io.laas.infra.KafkaBrokerMain");
		if (main < 0 || main + 1 >= command.size()) {
			throw new IllegalStateException("unexpected broker command line " + command);
		}
		// Drop the cluster id argument: the storage is formatted already.
		command = command.subList(0, main + 2);
		broker.destroyForcibly();
		try {
			broker.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("broker " + pid + " survived kill -9", ex);
		}
		Path log = this.stack.kafkaDirectory().resolve("broker.log");
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.PIPE)
				.start();
			Process previous = this.restartedKafka;
			this.restartedKafka = process;
			this.kafkaPid = process.pid();
			if (previous != null && previous.isAlive()) {
				throw new IllegalStateException("a previously restarted broker is still alive: " + previous.pid());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start the broker again: " + ex.getMessage(), ex);
		}
		return "broker " + pid + " -> " + this.kafkaPid;
	}

	private boolean awaitRecovery(Kind kind) {
		Instant deadline = Instant.now().plus(RECOVERY_MAX);
		// A killed service may still answer for a moment through a process that has not exited yet: the kill
		// waited for the exit, so any health answer from now on comes from the new process.
		while (Instant.now().isBefore(deadline)) {
			boolean all = kafkaReady() && postgresReady();
			for (String service : Stack.SERVICES) {
				all = all && this.stack.process(service).isPresent() && this.stack.healthy(service);
			}
			if (all) {
				return true;
			}
			Pause.millis(200);
		}
		return false;
	}

	private boolean postgresReady() {
		try (Connection connection = this.stack.connect()) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private boolean kafkaReady() {
		if (!ProcessHandle.of(this.kafkaPid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrap());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
		try (Admin admin = Admin.create(config)) {
			return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
				.nodes()
				.get(4, TimeUnit.SECONDS)
				.isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** Stops a broker this harness started (a clean shutdown), after the checker has read the topic. */
	void stopRestartedBroker() {
		Process process = this.restartedKafka;
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(40, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	/** Faults done per kind, in plan order of kinds. */
	Map<Kind, Integer> counts() {
		Map<Kind, Integer> counts = new TreeMap<>();
		for (Done d : done()) {
			counts.merge(d.kind(), 1, Integer::sum);
		}
		return counts;
	}

}
