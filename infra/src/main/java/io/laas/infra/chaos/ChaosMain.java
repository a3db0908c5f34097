package io.laas.infra.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./laas chaos}: runs the seeded workload and the faults against a stack started by {@code ./laas up --home
 * DIR}, then the checker; prints the figures and exits 1 on any violation.
 *
 * <pre>
 * ChaosMain --home DIR [--seed N] [--kills N] [--transactions N] [--workers N] [--pause-ms-max N]
 *           [--freezes N] [--postgres-crashes N] [--postgres-restarts N] [--kafka-restarts N] [--accounts N]
 *           [--drain-s N]
 * </pre>
 */
public final class ChaosMain {

	private static final int VIOLATIONS_SHOWN_MAX = 40;

	private static final int RECOVERIES_LISTED_MAX = 6;

	private ChaosMain() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		// The faults make the Kafka clients warn about every refused connection; the checker reports what matters.
		((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
		Map<String, String> options = options(args);
		Path home = Path.of(required(options, "--home"));
		long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
		int kills = Integer.parseInt(options.getOrDefault("--kills", "20"));
		int transactions = Integer.parseInt(options.getOrDefault("--transactions", "5000"));
		int workers = Integer.parseInt(options.getOrDefault("--workers", "4"));
		int pauseMsMax = Integer.parseInt(options.getOrDefault("--pause-ms-max", "20"));
		int freezes = Integer.parseInt(options.getOrDefault("--freezes", Integer.toString(Math.max(1, kills / 5))));
		int postgresCrashes = Integer
			.parseInt(options.getOrDefault("--postgres-crashes", Integer.toString(Math.max(1, kills / 10))));
		int postgresRestarts = Integer
			.parseInt(options.getOrDefault("--postgres-restarts", Integer.toString(Math.max(1, kills / 10))));
		int kafkaRestarts = Integer
			.parseInt(options.getOrDefault("--kafka-restarts", Integer.toString(Math.max(1, kills / 10))));
		int accounts = Integer.parseInt(options.getOrDefault("--accounts", "24"));
		Duration drainMax = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--drain-s", "240")));

		Stack stack = Stack.of(home);
		Instant started = Instant.now();
		System.out.printf("[chaos] seed %d: %d transactions, %d workers, %d kills per service, %d Kafka freezes, "
				+ "%d PostgreSQL backend crashes, %d PostgreSQL restarts, %d Kafka restarts%n", seed, transactions,
				workers, kills, freezes, postgresCrashes, postgresRestarts, kafkaRestarts);
		Api api = new Api(stack.apiUrl(), stack.apiKey(), Duration.ofMinutes(5));
		Path logFile = home.resolve("chaos-client-log.jsonl");
		Faults faults;
		Checker.Report report;
		List<String> workloadErrors;
		try (ClientLog log = new ClientLog(logFile); WebhookReceiver receiver = new WebhookReceiver()) {
			registerWebhook(api, receiver);
			long baseline = lastSequence(stack);
			Workload workload = new Workload(api, log, seed);
			workload.openAccounts(accounts);
			faults = new Faults(stack, seed, kills, freezes, postgresCrashes, postgresRestarts, kafkaRestarts,
					workload.done::get, transactions);
			System.out.println("[chaos] fault plan: " + faults.plan());
			Thread faultThread = new Thread(faults, "chaos-faults");
			faultThread.start();
			Instant loadStarted = Instant.now();
			workload.run(transactions, workers, pauseMsMax, faults::over);
			faultThread.interrupt();
			faultThread.join();
			Duration load = Duration.between(loadStarted, Instant.now());
			workloadErrors = List.copyOf(workload.errors);
			System.out.printf("[chaos] load over after %.1f s (%d requests); draining and checking%n",
					load.toMillis() / 1000.0, workload.done.get());
			try {
				report = new Checker(stack, log, receiver, baseline, workload.prefix()).run(drainMax);
			}
			finally {
				faults.stopRestartedBroker();
			}
			report.figures().put("load duration", String.format("%.1f s", load.toMillis() / 1000.0));
			report.figures().put("API retries / connection errors / 5xx-429 answers",
					api.retries.get() + " / " + api.connectionErrors.get() + " / " + api.serverErrors.get());
		}
		List<String> violations = new java.util.ArrayList<>(faults.violations());
		violations.addAll(workloadErrors);
		violations.addAll(report.violations());
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("seed", seed);
		figures.put("faults planned / done", faults.plan().size() + " / " + faults.done().size());
		faults.counts().forEach((kind, n) -> figures.put("  " + kind, recoveries(faults, kind)));
		List<Faults.Done> restarts = faults.done().stream().filter(d -> d.kind() == Faults.Kind.RESTART_POSTGRES).toList();
		for (int i = 0; i < restarts.size(); i++) {
			figures.put("    PostgreSQL restart " + (i + 1), restarts.get(i).note());
		}
		figures.putAll(report.figures());
		figures.put("violations", violations.size());
		figures.put("total time", String.format("%.0f s", Duration.between(started, Instant.now()).toMillis() / 1000.0));
		StringBuilder out = new StringBuilder("\n  LaaS chaos run\n");
		figures.forEach((k, v) -> out.append(String.format("  %-58s %s%n", k, v)));
		if (faults.plan().size() != faults.done().size()) {
			violations.add("only " + faults.done().size() + " of " + faults.plan().size() + " faults were injected");
		}
		for (int i = 0; i < Math.min(VIOLATIONS_SHOWN_MAX, violations.size()); i++) {
			out.append("  VIOLATION ").append(violations.get(i)).append('\n');
		}
		if (violations.size() > VIOLATIONS_SHOWN_MAX) {
			out.append("  ... and ").append(violations.size() - VIOLATIONS_SHOWN_MAX).append(" more violations\n");
		}
		out.append(violations.isEmpty() ? "  OK: every check passed\n"
				: "  FAILED: replay with ./laas chaos --seed " + seed + " (same options); client log " + logFile + "\n");
		System.out.print(out);
		try {
			Files.writeString(home.resolve("chaos-figures.txt"), out.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.exit(violations.isEmpty() ? 0 : 1);
	}

	/** "3 (recovery max 9.1 s: 7.2 / 9.1 / 8.0 s)": each time listed when there are a few. */
	private static String recoveries(Faults faults, Faults.Kind kind) {
		List<Double> seconds = faults.done().stream().filter(d -> d.kind() == kind).map(Faults.Done::downSeconds).toList();
		double max = seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		String each = (seconds.size() > 1 && seconds.size() <= RECOVERIES_LISTED_MAX) ? ": " + String.join(" / ",
				seconds.stream().map(s -> String.format("%.1f", s)).toList()) : "";
		return String.format("%d (recovery max %.1f s%s)", seconds.size(), max, each);
	}

	private static void registerWebhook(Api api, WebhookReceiver receiver) {
		String body = "{\"url\": \"" + receiver.url() + "\", \"description\": \"chaos receiver\"}";
		Api.Answer answer = api.post("/v1/webhook-endpoints", body, null);
		if (!answer.ok()) {
			throw new IllegalStateException("could not register the webhook receiver: " + answer.status() + " "
					+ answer.body());
		}
		JsonNode created = JsonMapper.builder().build().readTree(answer.body());
		receiver.secret(created.get("secret").asString());
	}

	private static long lastSequence(Stack stack) throws SQLException {
		try (Connection db = stack.connect();
				PreparedStatement ps = db.prepareStatement("select last_sequence from ledgers where id = ?::uuid")) {
			ps.setString(1, stack.ledgerId());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("options are --name value pairs, got " + args[i]);
			}
			options.put(args[i], args[++i]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

}
