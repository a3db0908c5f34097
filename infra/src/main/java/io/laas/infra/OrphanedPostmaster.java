package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A postmaster left running on a data directory by a JVM that was killed (kill -9, OOM killer): zonky's shutdown
 * never ran, so the server still holds the directory and the next start would fail. Seen with the dev stack; a
 * temporary test directory is never reused, so it never has one.
 */
final class OrphanedPostmaster {

	/** The file zonky locks for as long as its JVM owns the server. */
	private static final String OWNER_LOCK_FILE = "epg-lock";

	private static final long STOP_WAIT_SECONDS = 30;

	private OrphanedPostmaster() {
	}

	/**
	 * Stops the postmaster named in {@code postmaster.pid} if it is alive and no live JVM owns it; fails if one
	 * does, because two launchers on one data directory is a mistake to report, not to repair.
	 */
	static void stopIfAny(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK_FILE), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
			if (lock == null) {
				throw new IllegalStateException(dataDirectory + " is in use by another running PostgreSQL launcher");
			}
			postmaster(pidFile).ifPresent((process) -> stop(process, dataDirectory));
		}
		catch (OverlappingFileLockException ex) {
			throw new IllegalStateException(dataDirectory + " is in use by a PostgreSQL started in this JVM", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || lines.get(0).isBlank()) {
			return Optional.empty();
		}
		// After a reboot the number may belong to an unrelated process: only a postgres binary is ours to stop.
		return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().command().orElse("").endsWith("postgres"));
	}

	private static void stop(ProcessHandle postmaster, Path dataDirectory) {
		System.out.println("laas-infra: stopping orphaned PostgreSQL (pid " + postmaster.pid() + ") on " + dataDirectory);
		try {
			// SIGINT is PostgreSQL's fast shutdown; Java's destroy() sends SIGTERM, the smart shutdown that waits for
			// every client (a service's Debezium connection, say) to leave.
			new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
			postmaster.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (IOException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not stop orphaned PostgreSQL pid " + postmaster.pid(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping orphaned PostgreSQL", ex);
		}
	}

}
