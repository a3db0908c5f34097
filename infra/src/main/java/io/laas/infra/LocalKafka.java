package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) run from the Maven Central jars in
 * a child JVM, so that a test or the dev stack talks to it over TCP exactly as to a production cluster. The child
 * exits when this JVM dies (see {@link KafkaBrokerMain}).
 */
public final class LocalKafka implements AutoCloseable {

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);

	private static final Duration STOP_WAIT = Duration.ofSeconds(30);

	/**
	 * @param dataDirectory the broker's log directory, kept and reused across restarts; {@code null} for a temporary
	 * one deleted at close
	 * @param port the client port, {@code 0} for a free one
	 */
	public record Options(Path dataDirectory, int port) {

		public static Options forTests() {
			return new Options(null, 0);
		}

	}

	private final Process process;

	private final int port;

	private final Path logFile;

	private final Path temporaryRoot;

	private boolean closed;

	private LocalKafka(Process process, int port, Path logFile, Path temporaryRoot) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
		this.temporaryRoot = temporaryRoot;
	}

	public static LocalKafka start(Options options) {
		Path temporaryRoot = (options.dataDirectory() != null) ? null : Directories.createTemporary("laas-kafka-");
		Path root = (temporaryRoot != null) ? temporaryRoot : options.dataDirectory().toAbsolutePath();
		Path logDirectory = Directories.create(root.resolve("kraft-logs"));
		Path logFile = root.resolve("broker.log");
		int[] ports = FreePorts.pick(2);
		int port = (options.port() != 0) ? options.port() : ports[0];
		int controllerPort = (ports[1] != port) ? ports[1] : FreePorts.pick();
		Path propertiesFile = root.resolve("server.properties");
		KafkaServerProperties.write(propertiesFile, KafkaServerProperties.of(logDirectory, port, controllerPort));
		Path logbackFile = writeLogbackConfig(root);

		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xms128m");
		command.add("-Xmx512m");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Djava.awt.headless=true");
		command.add("-Dlogback.configurationFile=" + logbackFile);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(KafkaBrokerMain.class.getName());
		command.add(propertiesFile.toString());
		if (!Files.exists(logDirectory.resolve("meta.properties"))) {
			command.add(Uuid.randomUuid().toString());
		}
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				// stdin stays a pipe: the child exits when it closes, i.e. when this JVM dies however it dies.
				.redirectInput(ProcessBuilder.Redirect.PIPE)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start the Kafka broker JVM", ex);
		}
		LocalKafka kafka = new LocalKafka(process, port, logFile, temporaryRoot);
		ShutdownSequence.register(kafka);
		try {
			kafka.awaitReady();
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		return kafka;
	}

	private static Path writeLogbackConfig(Path root) {
		Path file = root.resolve("logback-broker.xml");
		String xml = """
				<configuration>
				  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <logger name="kafka" level="WARN"/>
				  <logger name="org.apache.kafka" level="WARN"/>
				  <logger name="kafka.server.KafkaServer" level="INFO"/>
				  <root level="WARN"><appender-ref ref="OUT"/></root>
				</configuration>
				""";
		try {
			Files.writeString(file, xml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/** Ready means a client can fetch the cluster metadata, which needs the controller quorum and the broker up. */
	private void awaitReady() {
		Instant deadline = Instant.now().plus(STARTUP_WAIT);
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
		RuntimeException last = null;
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the Kafka broker exited with code " + this.process.exitValue()
						+ LogTail.of(this.logFile));
			}
			try (Admin admin = Admin.create(config)) {
				int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
					.nodes()
					.get(4, TimeUnit.SECONDS)
					.size();
				if (nodes > 0) {
					return;
				}
			}
			catch (Exception ex) {
				last = new IllegalStateException(ex.getMessage(), ex);
			}
			sleep(200);
		}
		throw new IllegalStateException("the Kafka broker was not ready within " + STARTUP_WAIT.toSeconds() + " s"
				+ LogTail.of(this.logFile), last);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public Path logFile() {
		return this.logFile;
	}

	/** Stops the broker cleanly (SIGTERM runs its shutdown hook), killing it when it takes too long. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		ShutdownSequence.forget(this);
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		finally {
			if (this.temporaryRoot != null) {
				Directories.deleteRecursively(this.temporaryRoot);
			}
		}
	}

	@Override
	public String toString() {
		return "LocalKafka[" + bootstrapServers() + ", pid " + this.process.pid() + "]";
	}

}
