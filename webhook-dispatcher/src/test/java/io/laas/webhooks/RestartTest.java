package io.laas.webhooks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restarts mid-stream lose nothing: a dispatcher killed with SIGKILL (a separate JVM) while requests are in flight
 * and offsets uncommitted, then one stopped gracefully mid-stream, and every event still reaches the endpoint at
 * least once. Duplicates are counted, not forbidden: that is what webhook-id is for.
 */
@ExtendWith(InfraExtension.class)
class RestartTest {

	private static final Logger log = LoggerFactory.getLogger(RestartTest.class);

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	@Test
	void restartsMidStream_loseNoEvent() throws Exception {
		JdbcTemplate jdbc = CommandSchema.jdbc();
		UUID ledger = CommandSchema.newLedger(jdbc);
		CountDownLatch gate = new CountDownLatch(1);
		int heldAfter = 60;
		AtomicInteger seen = new AtomicInteger();
		Receiver receiver = Receiver.start(null, (request) -> {
			if (seen.incrementAndGet() > heldAfter && gate.getCount() > 0) {
				try {
					// Hold the requests that arrive after the first 60 until the sender has been killed.
					gate.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return Receiver.Response.of(200);
		});
		String groupId = Dispatchers.newGroupId();
		List<EventEnvelope> all = new ArrayList<>();
		Process killed = null;
		try (Events events = Events.onNewTopic("webhooks-restart-test")) {
			CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(), List.of());

			// 1. A dispatcher in its own JVM, killed while requests are in flight.
			killed = startChild(events.topic(), groupId);
			all.addAll(publish(events, ledger, 1, 300));
			await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> receiver.count() > heldAfter + 2);
			killed.destroyForcibly();
			assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
			int atKill = receiver.webhookIds().size();
			gate.countDown();
			log.info("killed the first dispatcher after {} distinct events of 300", atKill);
			assertThat(atKill).isLessThan(300);

			// 2. Events published while no dispatcher runs; a new one, stopped gracefully mid-stream.
			all.addAll(publish(events, ledger, 301, 300));
			int atStop;
			try (ConfigurableApplicationContext second = Dispatchers.start(events.topic(), groupId)) {
				await().atMost(DEADLINE).until(() -> receiver.webhookIds().size() >= 450);
				atStop = receiver.webhookIds().size();
			}
			log.info("stopped the second dispatcher after {} distinct events of 600", atStop);

			// 3. More events, a third dispatcher finishes the job.
			all.addAll(publish(events, ledger, 601, 200));
			try (ConfigurableApplicationContext third = Dispatchers.start(events.topic(), groupId)) {
				await().atMost(DEADLINE).until(() -> receiver.webhookIds().size() == all.size());
			}
		}
		finally {
			if (killed != null && killed.isAlive()) {
				killed.destroyForcibly();
				killed.waitFor(30, TimeUnit.SECONDS);
			}
			gate.countDown();
			receiver.close();
			CommandSchema.retire(jdbc, List.of(ledger));
		}
		Set<String> expected = new HashSet<>();
		all.forEach((event) -> expected.add(event.eventId().toString()));
		assertThat(receiver.webhookIds()).isEqualTo(expected);
		int duplicates = receiver.count() - expected.size();
		log.info("RESTART: {} events, {} requests received, {} duplicates", expected.size(), receiver.count(),
				duplicates);
		System.out.printf("RESTART: %d events, %d requests, %d duplicates%n", expected.size(), receiver.count(),
				duplicates);
		assertThat(jdbc.queryForObject("select count(*) from webhooks.deliveries where ledger_id = ?", Integer.class,
				ledger))
			.isEqualTo(all.size());
		assertThat(jdbc.queryForObject(
				"select count(*) from webhooks.deliveries where ledger_id = ? and status = 'succeeded'", Integer.class,
				ledger))
			.isEqualTo(all.size());
	}

	private static List<EventEnvelope> publish(Events events, UUID ledger, int firstSequence, int count) {
		List<EventEnvelope> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(Events.accountCreated(ledger, firstSequence + i));
		}
		events.publishAll(batch);
		return batch;
	}

	/** The dispatcher in a child JVM on this test's class path, with the shared test settings. */
	private static Process startChild(String topic, String groupId) throws IOException {
		TestInfra infra = TestInfra.get();
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Map<String, String> settings = new HashMap<>(Dispatchers.testSettings(topic, groupId));
		settings.put("server.port", Integer.toString(port));
		settings.put("spring.datasource.url", infra.jdbcUrl());
		settings.put("spring.datasource.username", infra.postgres().user());
		settings.put("spring.datasource.password", infra.postgres().password());
		settings.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(WebhookDispatcherApplication.class.getName());
		command.addAll(List.of(Dispatchers.arguments(settings)));
		Path logFile = Path.of("target", "restart-test-child.log");
		Files.createDirectories(logFile.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the child dispatcher exited; see " + logFile.toAbsolutePath(), () -> !process.isAlive())
			.ignoreExceptions()
			.until(() -> client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);
		return process;
	}

}
