package io.laas.projector.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.laas.infra.TestInfra;

/**
 * CPU seconds used by the three parties of a projection run (this JVM, the PostgreSQL server, the Kafka broker),
 * read from /proc. On a shared machine the wall-clock rate depends on everyone else's load; the CPU a run costs
 * does not, so tests log both.
 */
public final class CpuMeter {

	/** Linux's USER_HZ; /proc/[pid]/stat counts in these ticks. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final ReadModelDb db;

	public CpuMeter(ReadModelDb db) {
		this.db = db;
	}

	/** CPU seconds so far, per party ("projector JVM", "postgres", "kafka broker"). */
	public Map<String, Double> snapshot() {
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("projector JVM", seconds(ProcessHandle.current().pid()));
		long postmaster = postmasterPid();
		double postgres = seconds(postmaster);
		for (long child : childrenOf(postmaster)) {
			postgres += seconds(child);
		}
		cpu.put("postgres", postgres);
		cpu.put("kafka broker", seconds(TestInfra.get().kafka().pid()));
		return cpu;
	}

	/** {@code after - before} per party. */
	public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> used = new LinkedHashMap<>();
		after.forEach((party, seconds) -> used.put(party, seconds - before.getOrDefault(party, 0.0)));
		return used;
	}

	private long postmasterPid() {
		String dataDirectory = this.db.jdbc().queryForObject("show data_directory", String.class);
		try {
			return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Long> childrenOf(long parent) {
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			return procs.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.map((p) -> Long.parseLong(p.getFileName().toString()))
				.filter((pid) -> stat(pid).length > 3 && stat(pid)[3].equals(Long.toString(parent)))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** utime + stime of a process, in seconds; 0 if it is gone. */
	private static double seconds(long pid) {
		String[] fields = stat(pid);
		if (fields.length < 15) {
			return 0;
		}
		return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
	}

	/** The fields of /proc/[pid]/stat after the command name (which may contain spaces), shifted to man-page indexes. */
	private static String[] stat(long pid) {
		try {
			String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String afterName = line.substring(line.lastIndexOf(')') + 2);
			String[] rest = afterName.split(" ");
			String[] fields = new String[rest.length + 2];
			fields[0] = Long.toString(pid);
			fields[1] = "(name)";
			System.arraycopy(rest, 0, fields, 2, rest.length);
			return fields;
		}
		catch (IOException | RuntimeException ex) {
			return new String[0];
		}
	}

}
