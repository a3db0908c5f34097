package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The servers of the local stack ({@code ./laas up}): a durable PostgreSQL and a Kafka broker whose data survive
 * restarts under {@code --data-dir}. Writes their addresses to {@code --env-file} once both are ready, then runs
 * until it is stopped (SIGTERM stops Kafka, then PostgreSQL).
 */
public final class InfraMain {

	private InfraMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Path dataDir = Path.of(option(args, "--data-dir", ".laas/data"));
		int pgPort = Integer.parseInt(option(args, "--pg-port", "15432"));
		int kafkaPort = Integer.parseInt(option(args, "--kafka-port", "19092"));
		Path envFile = Path.of(option(args, "--env-file", ".laas/infra.env"));
		Directories.create(dataDir);
		LocalPostgres postgres = LocalPostgres.start(new LocalPostgres.Options(dataDir.resolve("postgres"), pgPort, true));
		LocalKafka kafka = LocalKafka.start(new LocalKafka.Options(dataDir.resolve("kafka"), kafkaPort));
		String env = "LAAS_DATABASE_URL=" + postgres.jdbcUrl() + "\n" + "LAAS_DATABASE_USERNAME=" + postgres.user()
				+ "\n" + "LAAS_DATABASE_PASSWORD=" + postgres.password() + "\n" + "LAAS_DATABASE_APP_USERNAME="
				+ postgres.appUser() + "\n" + "LAAS_DATABASE_APP_PASSWORD=" + postgres.appPassword() + "\n"
				+ "LAAS_KAFKA_BOOTSTRAP="
				+ kafka.bootstrapServers() + "\n" + "LAAS_KAFKA_PID=" + kafka.pid() + "\n";
		try {
			Files.createDirectories(envFile.toAbsolutePath().getParent());
			Path partial = envFile.resolveSibling(envFile.getFileName() + ".tmp");
			Files.writeString(partial, env);
			// Renamed into place: a script polling for the file never reads half of it.
			Files.move(partial, envFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("laas-infra: PostgreSQL " + postgres.jdbcUrl() + ", Kafka " + kafka.bootstrapServers());
		new CountDownLatch(1).await();
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

}
