package io.laas.infra.chaos;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A full PostgreSQL restart after a crash: SIGKILL of the postmaster and of every server process it started, then
 * the same server command again on the same data directory and port, detached (its own session, stdin from
 * /dev/null, output appended to the server's log) so that it outlives the harness, as the original does.
 *
 * <p>
 * What the original launch looks like, read from /proc rather than assumed: zonky starts the server through
 * {@code pg_ctl start}, and, when it runs as root, prefixes every command with {@code unshare -U}: in a user namespace
 * without a uid mapping the binaries see uid 65534 instead of 0, so their "cannot be run as root" check passes (the
 * binaries are not patched). This class re-enters such a namespace the same way when the postmaster lives in one.
 *
 * <p>
 * Why everything dies at once: a postmaster killed alone leaves its server processes attached to the shared memory,
 * and a new postmaster refuses to start while they live. The old postmaster is stopped (SIGSTOP) first so that it
 * cannot fork while its children are listed. A killed process keeps its PID until its parent reaps it; the
 * postmaster's parent is PID 1, which reaps in its own time (up to ~2 s measured here), and PostgreSQL takes a
 * {@code postmaster.pid} naming a live (zombie) PID for a running server. So the restart waits until every PID is
 * gone before it starts the new server, which then treats the lock file as stale and replays the WAL.
 *
 * <p>
 * The new postmaster writes its PID to {@code postmaster.pid}, so {@code pg_ctl -D <data> stop} (LocalPostgres'
 * close, which {@code ./laas down} reaches through InfraMain) stops it like the original.
 */
final class PostmasterRestart {

	/** What was done: PIDs before and after, server processes killed, how long the server was gone. */
	record Result(long oldPid, long newPid, int serverProcessesKilled, Duration killed, Duration ready) {

		String describe() {
			return String.format("postmaster %d + %d server processes killed, new postmaster %d ready %.1f s after "
					+ "the kill (old processes gone after %.1f s)", this.oldPid, this.serverProcessesKilled,
					this.newPid, this.ready.toMillis() / 1000.0, this.killed.toMillis() / 1000.0);
		}

	}

	private static final Duration STOPPED_WAIT = Duration.ofSeconds(5);

	/** Bounds the wait for PID 1 to reap the killed processes. */
	private static final Duration GONE_WAIT = Duration.ofSeconds(60);

	private static final int LOG_TAIL_BYTES_MAX = 4_000;

	/** Set by pg_ctl for the server it starts; it would name a pg_ctl long gone, so the new server does not get it. */
	private static final String PG_CTL_GRANDPARENT = "PG_GRANDPARENT_PID";

	private final Path dataDirectory;

	private final Duration readyWait;

	PostmasterRestart(Path dataDirectory, Duration readyWait) {
		this.dataDirectory = dataDirectory.toAbsolutePath();
		this.readyWait = readyWait;
	}

	Result run() {
		ProcessHandle postmaster = postmaster().orElseThrow(
				() -> new IllegalStateException("no live postmaster named in " + pidFile()));
		long oldPid = postmaster.pid();
		Path proc = Path.of("/proc", Long.toString(oldPid));
		List<String> command;
		Map<String, String> environment;
		Path workingDirectory;
		Path log;
		boolean ownUserNamespace;
		try {
			command = nulSeparated(proc.resolve("cmdline"));
			environment = new LinkedHashMap<>();
			for (String entry : nulSeparated(proc.resolve("environ"))) {
				int eq = entry.indexOf('=');
				if (eq > 0) {
					environment.put(entry.substring(0, eq), entry.substring(eq + 1));
				}
			}
			environment.remove(PG_CTL_GRANDPARENT);
			workingDirectory = proc.resolve("cwd").toRealPath();
			log = logFile(proc);
			ownUserNamespace = !Files.readSymbolicLink(proc.resolve("ns").resolve("user"))
				.equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read how postmaster " + oldPid + " was started: " + ex.getMessage(),
					ex);
		}
		if (command.isEmpty() || !command.get(0).endsWith("postgres")) {
			throw new IllegalStateException("pid " + oldPid + " is not a postmaster: " + command);
		}

		Instant killedAt = Instant.now();
		signal(oldPid, "STOP");
		awaitStopped(oldPid);
		List<ProcessHandle> victims = new ArrayList<>(postmaster.children().toList());
		postmaster.destroyForcibly();
		victims.forEach(ProcessHandle::destroyForcibly);
		victims.add(postmaster);
		awaitGone(victims);
		Duration killed = Duration.between(killedAt, Instant.now());

		List<String> launch = new ArrayList<>();
		if (ownUserNamespace) {
			launch.addAll(List.of("unshare", "-U"));
		}
		// A session of its own: no terminal's Ctrl-C (SIGINT, PostgreSQL's fast shutdown) reaches it.
		launch.add("setsid");
		launch.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(launch).directory(workingDirectory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().clear();
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start PostgreSQL again (" + launch + "): " + ex.getMessage(), ex);
		}
		awaitReady(process, log);
		return new Result(oldPid, process.pid(), victims.size() - 1, killed, Duration.between(killedAt, Instant.now()));
	}

	private Path pidFile() {
		return this.dataDirectory.resolve("postmaster.pid");
	}

	private List<String> pidFileLines() {
		try {
			return Files.exists(pidFile()) ? Files.readAllLines(pidFile()) : List.of();
		}
		catch (IOException ex) {
			// Read while the server rewrites it: the next poll sees it whole.
			return List.of();
		}
	}

	private Optional<ProcessHandle> postmaster() {
		List<String> lines = pidFileLines();
		try {
			return lines.isEmpty() ? Optional.empty()
					: ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/** Where the server writes: its stderr, when that is a file (zonky's redirect), else LocalPostgres' log name. */
	private Path logFile(Path proc) throws IOException {
		Path target = Files.readSymbolicLink(proc.resolve("fd").resolve("2"));
		if (target.isAbsolute() && Files.isRegularFile(target)) {
			return target;
		}
		return this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + ".log");
	}

	private static List<String> nulSeparated(Path file) throws IOException {
		String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
	}

	private static void signal(long pid, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill -" + signal + " " + pid + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while signalling " + pid, ex);
		}
	}

	/** Waits until the process's state in /proc/PID/stat is T (stopped): from then on it cannot fork. */
	private static void awaitStopped(long pid) {
		Instant deadline = Instant.now().plus(STOPPED_WAIT);
		while (Instant.now().isBefore(deadline)) {
			if ("T".equals(state(pid)) || "t".equals(state(pid))) {
				return;
			}
			Pause.millis(10);
		}
		throw new IllegalStateException("postmaster " + pid + " did not stop on SIGSTOP (state " + state(pid) + ")");
	}

	private static String state(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
			return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		}
		catch (IOException | RuntimeException ex) {
			return "gone";
		}
	}

	/** Waits until every PID has left /proc: dead and reaped, not a zombie PostgreSQL would take for a server. */
	private static void awaitGone(List<ProcessHandle> processes) {
		Instant deadline = Instant.now().plus(GONE_WAIT);
		List<ProcessHandle> left = processes;
		while (Instant.now().isBefore(deadline)) {
			left = left.stream().filter((p) -> Files.exists(Path.of("/proc", Long.toString(p.pid())))).toList();
			if (left.isEmpty()) {
				return;
			}
			Pause.millis(50);
		}
		throw new IllegalStateException("killed PostgreSQL processes still hold their PIDs after "
				+ GONE_WAIT.toSeconds() + " s (state " + left.stream().map((p) -> p.pid() + ":" + state(p.pid())).toList()
				+ "): is anything reaping orphans on this machine?");
	}

	/** Waits until postmaster.pid names the new server and says "ready" (its status line, PostgreSQL 10+). */
	private void awaitReady(Process process, Path log) {
		Instant deadline = Instant.now().plus(this.readyWait);
		String pid = Long.toString(process.pid());
		while (Instant.now().isBefore(deadline)) {
			List<String> lines = pidFileLines();
			if (!lines.isEmpty() && lines.get(0).trim().equals(pid)
					&& lines.stream().anyMatch((line) -> line.trim().equals("ready"))) {
				return;
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("the restarted postmaster exited with " + process.exitValue()
						+ tail(log));
			}
			Pause.millis(50);
		}
		throw new IllegalStateException("the restarted postmaster " + pid + " was not ready after "
				+ this.readyWait.toSeconds() + " s" + tail(log));
	}

	private static String tail(Path log) {
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long start = Math.max(0, file.length() - LOG_TAIL_BYTES_MAX);
			byte[] bytes = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(bytes);
			return "\n--- last lines of " + log + " ---\n" + new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return " (no log at " + log + ")";
		}
	}

}
