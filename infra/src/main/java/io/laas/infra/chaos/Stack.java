package io.laas.infra.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack started by {@code ./laas up --home DIR}: its addresses and credentials (dev.env, infra.env, ports.env)
 * and its supervised processes ({@code run/<name>.pid}).
 */
final class Stack {

	static final List<String> SERVICES = List.of("command-api", "projector", "webhook-dispatcher");

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

	private final Path home;

	private final Map<String, String> env;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Stack(Path home, Map<String, String> env) {
		this.home = home;
		this.env = env;
	}

	static Stack of(Path home) {
		Map<String, String> env = new HashMap<>();
		for (String file : List.of("ports.env", "infra.env", "dev.env")) {
			env.putAll(readEnv(home.resolve(file)));
		}
		for (String required : List.of("LAAS_URL", "LAAS_API_KEY", "LAAS_DATABASE_URL", "LAAS_DATABASE_USERNAME",
				"LAAS_KAFKA_BOOTSTRAP", "LAAS_LEDGER_ID", "API_PORT", "PROJECTOR_PORT", "DISPATCHER_PORT")) {
			if (!env.containsKey(required)) {
				throw new IllegalStateException(required + " missing from the env files of " + home
						+ " (start the stack with ./laas up --home " + home + ")");
			}
		}
		return new Stack(home, env);
	}

	private static Map<String, String> readEnv(Path file) {
		Map<String, String> values = new HashMap<>();
		if (!Files.exists(file)) {
			return values;
		}
		try {
			for (String line : Files.readAllLines(file)) {
				int eq = line.indexOf('=');
				if (eq > 0 && !line.startsWith("#")) {
					values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return values;
	}

	Path home() {
		return this.home;
	}

	String get(String name) {
		return this.env.get(name);
	}

	String apiUrl() {
		return get("LAAS_URL");
	}

	String apiKey() {
		return get("LAAS_API_KEY");
	}

	String ledgerId() {
		return get("LAAS_LEDGER_ID");
	}

	String kafkaBootstrap() {
		return get("LAAS_KAFKA_BOOTSTRAP");
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(get("LAAS_DATABASE_URL"), get("LAAS_DATABASE_USERNAME"),
				this.env.getOrDefault("LAAS_DATABASE_PASSWORD", ""));
	}

	int port(String service) {
		String name = switch (service) {
			case "command-api" -> "API_PORT";
			case "projector" -> "PROJECTOR_PORT";
			case "webhook-dispatcher" -> "DISPATCHER_PORT";
			default -> throw new IllegalArgumentException(service);
		};
		return Integer.parseInt(get(name));
	}

	/** The PID the supervisor last wrote for a service, if that process is alive. */
	Optional<ProcessHandle> process(String service) {
		Path file = this.home.resolve("run").resolve(service + ".pid");
		try {
			String text = Files.exists(file) ? Files.readString(file).trim() : "";
			return text.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	boolean healthy(String service) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port(service) + "/actuator/health"))
			.timeout(HEALTH_TIMEOUT)
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The postmaster of the stack's PostgreSQL, from its data directory's postmaster.pid. */
	Optional<ProcessHandle> postmaster() {
		Path file = postgresDataDirectory().resolve("postmaster.pid");
		try {
			List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
			return lines.isEmpty() ? Optional.empty()
					: ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	Path postgresDataDirectory() {
		return this.home.resolve("data").resolve("postgres");
	}

	Path kafkaDirectory() {
		return this.home.resolve("data").resolve("kafka");
	}

}
