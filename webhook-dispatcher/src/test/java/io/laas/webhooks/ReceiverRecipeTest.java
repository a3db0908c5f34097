package io.laas.webhooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.example.webhooks.LaasWebhookReceiver;
import com.example.webhooks.LaasWebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.webhooks.delivery.Verdict;
import io.laas.webhooks.delivery.internal.AttemptResult;
import io.laas.webhooks.delivery.internal.Claim;
import io.laas.webhooks.delivery.internal.EndpointTarget;
import io.laas.webhooks.delivery.internal.HttpAttempts;
import io.laas.webhooks.intake.WebhookBody;
import io.laas.webhooks.signing.WebhookSecret;
import io.laas.webhooks.signing.WebhookSignatures;
import io.laas.webhooks.targets.TargetPolicy;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Events;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The receiver recipes of docs/webhooks.md are real code: the Java ones are compiled here
 * ({@code com.example.webhooks}), the Node ones run with {@code node}, the doc holds them verbatim, and all of
 * them accept what the dispatcher signs: signatures made by {@link WebhookSignatures}, and real requests made by
 * the dispatcher's own {@link HttpAttempts}.
 */
class ReceiverRecipeTest {

	private static final Path DOC = Path.of("../docs/webhooks.md");

	private static final Path JAVA_RECIPES = Path.of("src/test/java/com/example/webhooks");

	private static final Path NODE_RECIPES = Path.of("src/test/resources/recipes");

	private static final long TIMESTAMP = 1_732_457_000L;

	private static final Duration NODE_DEADLINE = Duration.ofSeconds(20);

	private static final String SECRET = CommandSchema.newSecret();

	private static final String ID = UUID.randomUUID().toString();

	private static final byte[] BODY = ("{\"data\": {\"message\": \"Grüße ✓\", \"amount\": \"10.00\"}, "
			+ "\"type\": \"webhook.test\", \"timestamp\": \"2024-11-24T13:03:20.123456Z\"}")
		.getBytes(StandardCharsets.UTF_8);

	// --- the doc ---

	@Test
	void docHoldsEveryRecipe_verbatim() throws IOException {
		String doc = Files.readString(DOC);
		for (String file : List.of("LaasWebhookVerifier.java", "LaasWebhookReceiver.java")) {
			assertThat(doc).as("docs/webhooks.md holds " + file + " as a java block")
				.contains("```java\n" + Files.readString(JAVA_RECIPES.resolve(file)) + "```\n");
		}
		for (String file : List.of("verify.mjs", "receiver.mjs")) {
			assertThat(doc).as("docs/webhooks.md holds " + file + " as a js block")
				.contains("```js\n" + Files.readString(NODE_RECIPES.resolve(file)) + "```\n");
		}
	}

	// --- Java: the verifier against the dispatcher's signer ---

	@Test
	void javaVerifier_acceptsTheDispatchersSignature() {
		String header = sign(List.of(SECRET), ID, TIMESTAMP, BODY);

		assertThat(verifierAt(SECRET, TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY)).isTrue();
	}

	@Test
	void javaVerifier_acceptsTheStandardWebhooksTestVector() {
		// The published vector (standard-webhooks spec and reference libraries), independent of the dispatcher.
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
		String header = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

		assertThat(verifierAt(secret, 1614265330).verify("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", header, body))
			.isTrue();
	}

	@Test
	void javaVerifier_acceptsEitherSignature_duringARotation() {
		String previous = CommandSchema.newSecret();
		// What the dispatcher sends while previous_secret is valid: the current secret's signature, then the old one's.
		String header = sign(List.of(SECRET, previous), ID, TIMESTAMP, BODY);

		assertThat(header.split(" ")).hasSize(2);
		assertThat(verifierAt(previous, TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY)).isTrue();
		assertThat(verifierAt(SECRET, TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY)).isTrue();
		assertThat(verifierAt(CommandSchema.newSecret(), TIMESTAMP).verify(ID, Long.toString(TIMESTAMP), header, BODY))
			.isFalse();
	}

	@Test
	void javaVerifier_refusesAnyChange_andStaleOrFutureTimestamps() {
		String header = sign(List.of(SECRET), ID, TIMESTAMP, BODY);
		String ts = Long.toString(TIMESTAMP);
		LaasWebhookVerifier verifier = verifierAt(SECRET, TIMESTAMP);
		byte[] tampered = BODY.clone();
		tampered[tampered.length - 3] ^= 1;

		assertThat(verifier.verify(ID, ts, header, tampered)).isFalse();
		assertThat(verifier.verify(UUID.randomUUID().toString(), ts, header, BODY)).isFalse();
		assertThat(verifier.verify(ID, Long.toString(TIMESTAMP + 1), header, BODY)).isFalse();
		assertThat(verifierAt(CommandSchema.newSecret(), TIMESTAMP).verify(ID, ts, header, BODY)).isFalse();
		// Tolerance: 5 minutes either way, inclusive.
		assertThat(verifierAt(SECRET, TIMESTAMP + 300).verify(ID, ts, header, BODY)).isTrue();
		assertThat(verifierAt(SECRET, TIMESTAMP - 300).verify(ID, ts, header, BODY)).isTrue();
		assertThat(verifierAt(SECRET, TIMESTAMP + 301).verify(ID, ts, header, BODY)).isFalse();
		assertThat(verifierAt(SECRET, TIMESTAMP - 301).verify(ID, ts, header, BODY)).isFalse();
	}

	@Test
	void javaVerifier_refusesMalformedHeaders_withoutThrowing() {
		String header = sign(List.of(SECRET), ID, TIMESTAMP, BODY);
		String ts = Long.toString(TIMESTAMP);
		LaasWebhookVerifier verifier = verifierAt(SECRET, TIMESTAMP);

		assertThat(verifier.verify(null, ts, header, BODY)).isFalse();
		assertThat(verifier.verify(ID, null, header, BODY)).isFalse();
		assertThat(verifier.verify(ID, ts, null, BODY)).isFalse();
		assertThat(verifier.verify(ID, "yesterday", header, BODY)).isFalse();
		assertThat(verifier.verify(ID, ts, "v2," + header.substring(3), BODY)).isFalse();
		assertThat(verifier.verify(ID, ts, "v1,not*base64", BODY)).isFalse();
		assertThat(verifier.verify(ID, ts, "", BODY)).isFalse();
		// An unreadable candidate does not hide a good one.
		assertThat(verifier.verify(ID, ts, "v1,not*base64 " + header, BODY)).isTrue();
	}

	@Test
	void javaReceiver_takesTheDispatchersRequests_onceEach() throws IOException {
		List<String> handled = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		server.createContext("/webhooks/laas", new LaasWebhookReceiver(new LaasWebhookVerifier(SECRET),
				(webhookId, body) -> handled.add(webhookId + " " + EventSerde.mapper().readTree(body).get("type").asString())));
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/laas";
			deliverTo(url, () -> handled);
		}
		finally {
			server.stop(0);
		}
	}

	// --- Node: the same, with node:crypto and node:http ---

	@Test
	void nodeVerifier_acceptsTheDispatchersSignatures_andRefusesTheRest() throws Exception {
		// ./laas test installs Node; a missing node is a broken environment, not a reason to skip.
		assertThat(nodeAvailable()).as("node on the PATH").isTrue();
		Path dir = Files.createTempDirectory("laas-recipe-");
		try {
			Files.copy(NODE_RECIPES.resolve("verify.mjs"), dir.resolve("verify.mjs"));
			Files.writeString(dir.resolve("cases.mjs"), """
					import { readFileSync } from 'node:fs';
					import { verifyWebhook } from './verify.mjs';
					const cases = JSON.parse(readFileSync(0, 'utf8'));
					console.log(JSON.stringify(cases.map((c) =>
					  verifyWebhook(c.secret, c.headers, Buffer.from(c.body, 'base64'), c.now))));
					""");
			String previous = CommandSchema.newSecret();
			String single = sign(List.of(SECRET), ID, TIMESTAMP, BODY);
			String rotation = sign(List.of(SECRET, previous), ID, TIMESTAMP, BODY);
			byte[] tampered = BODY.clone();
			tampered[0] = ' ';
			List<Object[]> cases = List.of(
					// secret, id, timestamp header, signature header, body, now, expected
					new Object[] { SECRET, ID, TIMESTAMP, single, BODY, TIMESTAMP, true },
					new Object[] { previous, ID, TIMESTAMP, rotation, BODY, TIMESTAMP, true },
					new Object[] { SECRET, ID, TIMESTAMP, rotation, BODY, TIMESTAMP, true },
					new Object[] { CommandSchema.newSecret(), ID, TIMESTAMP, rotation, BODY, TIMESTAMP, false },
					new Object[] { SECRET, ID, TIMESTAMP, single, tampered, TIMESTAMP, false },
					new Object[] { SECRET, "other", TIMESTAMP, single, BODY, TIMESTAMP, false },
					new Object[] { SECRET, ID, TIMESTAMP + 1, single, BODY, TIMESTAMP, false },
					new Object[] { SECRET, ID, TIMESTAMP, single, BODY, TIMESTAMP + 300, true },
					new Object[] { SECRET, ID, TIMESTAMP, single, BODY, TIMESTAMP - 300, true },
					new Object[] { SECRET, ID, TIMESTAMP, single, BODY, TIMESTAMP + 301, false },
					new Object[] { SECRET, ID, TIMESTAMP, single, BODY, TIMESTAMP - 301, false },
					new Object[] { SECRET, ID, TIMESTAMP, "v2," + single.substring(3), BODY, TIMESTAMP, false },
					new Object[] { SECRET, ID, TIMESTAMP, "v1,AAAA " + single, BODY, TIMESTAMP, true },
					new Object[] { SECRET, ID, TIMESTAMP, "v1,AAAA", BODY, TIMESTAMP, false },
					new Object[] { "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
							1614265330L, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
							"{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), 1614265330L, true });
			ArrayNode input = EventSerde.mapper().createArrayNode();
			List<Boolean> expected = new ArrayList<>();
			for (Object[] c : cases) {
				ObjectNode node = input.addObject();
				node.put("secret", (String) c[0]);
				ObjectNode headers = node.putObject("headers");
				headers.put("webhook-id", (String) c[1]);
				headers.put("webhook-timestamp", c[2].toString());
				headers.put("webhook-signature", (String) c[3]);
				node.put("body", Base64.getEncoder().encodeToString((byte[]) c[4]));
				node.put("now", (Long) c[5]);
				expected.add((Boolean) c[6]);
			}
			// A request without the headers at all.
			ObjectNode bare = input.addObject();
			bare.put("secret", SECRET);
			bare.putObject("headers");
			bare.put("body", Base64.getEncoder().encodeToString(BODY));
			bare.put("now", TIMESTAMP);
			expected.add(false);

			String output = runNode(dir, "cases.mjs", EventSerde.mapper().writeValueAsString(input));

			List<Boolean> results = new ArrayList<>();
			EventSerde.mapper().readTree(output).forEach((result) -> results.add(result.asBoolean()));
			assertThat(results).containsExactlyElementsOf(expected);
		}
		finally {
			deleteTree(dir);
		}
	}

	@Test
	void nodeReceiver_takesTheDispatchersRequests_onceEach() throws Exception {
		// ./laas test installs Node; a missing node is a broken environment, not a reason to skip.
		assertThat(nodeAvailable()).as("node on the PATH").isTrue();
		Path dir = Files.createTempDirectory("laas-recipe-");
		Process node = null;
		try {
			Files.copy(NODE_RECIPES.resolve("verify.mjs"), dir.resolve("verify.mjs"));
			Files.copy(NODE_RECIPES.resolve("receiver.mjs"), dir.resolve("receiver.mjs"));
			ProcessBuilder builder = new ProcessBuilder("node", "receiver.mjs").directory(dir.toFile())
				.redirectErrorStream(true);
			builder.environment().put("LAAS_WEBHOOK_SECRET", SECRET);
			builder.environment().put("PORT", "0");
			node = builder.start();
			LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
			Process started = node;
			Thread reader = new Thread(() -> {
				try (BufferedReader out = new BufferedReader(
						new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
					for (String line = out.readLine(); line != null; line = out.readLine()) {
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			}, "node-receiver-output");
			reader.setDaemon(true);
			reader.start();
			String listening = lines.poll(NODE_DEADLINE.toSeconds(), TimeUnit.SECONDS);
			assertThat(listening).as("node receiver's first line").startsWith("listening on ");
			String url = "http://127.0.0.1:" + listening.substring("listening on ".length()) + "/webhooks/laas";
			List<String> handled = new CopyOnWriteArrayList<>();

			deliverTo(url, () -> {
				lines.drainTo(handled);
				return handled.stream()
					.filter((line) -> line.startsWith("received "))
					.map((line) -> line.substring("received ".length()))
					.map((line) -> line.substring(line.indexOf(' ') + 1) + " " + line.substring(0, line.indexOf(' ')))
					.toList();
			});
		}
		finally {
			if (node != null) {
				node.destroy();
				if (!node.waitFor(10, TimeUnit.SECONDS)) {
					node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			deleteTree(dir);
		}
	}

	// --- helpers ---

	/**
	 * Sends real requests with the dispatcher's HTTP attempt code to a receiver that trusts {@link #SECRET}, and
	 * checks what it answers and what it handled ({@code "<webhook-id> <type>"} per handled event).
	 */
	private static void deliverTo(String url, Supplier<List<String>> handled) {
		EventEnvelope event = Events.transactionPosted(UUID.randomUUID(), 7);
		String body = WebhookBody.of(event);
		String previous = CommandSchema.newSecret();
		Clock now = Clock.systemUTC();

		// 1. Signed with its secret: taken (2xx) and handled.
		AttemptResult first = attempts(now).send(claim(event.eventId(), body, url, SECRET, null));
		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(first.verdict().kind()).isEqualTo(Verdict.Kind.SUCCEEDED);
		await().atMost(NODE_DEADLINE).until(() -> handled.get().size() == 1);
		assertThat(handled.get()).containsExactly(event.eventId() + " transaction.posted");

		// 2. The same webhook-id again (a retry after a lost answer, a redelivery): 2xx, not handled twice.
		assertThat(attempts(now).send(claim(event.eventId(), body, url, SECRET, null)).statusCode()).isEqualTo(204);

		// 3. During a rotation: the receiver still has the previous secret, which signs second.
		EventEnvelope rotated = Events.accountCreated(UUID.randomUUID(), 8);
		AttemptResult duringRotation = attempts(now)
			.send(claim(rotated.eventId(), WebhookBody.of(rotated), url, previous, SECRET));
		assertThat(duringRotation.statusCode()).isEqualTo(204);

		// 4. Another secret: refused, and LaaS does not retry the 401.
		EventEnvelope forged = Events.accountCreated(UUID.randomUUID(), 9);
		AttemptResult wrongSecret = attempts(now)
			.send(claim(forged.eventId(), WebhookBody.of(forged), url, CommandSchema.newSecret(), null));
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(wrongSecret.verdict().kind()).isEqualTo(Verdict.Kind.FAILED);

		// 5. Signed ten minutes ago (a replayed capture): refused.
		Clock tenMinutesAgo = Clock.offset(now, Duration.ofMinutes(-10));
		EventEnvelope replayed = Events.accountCreated(UUID.randomUUID(), 10);
		assertThat(attempts(tenMinutesAgo).send(claim(replayed.eventId(), WebhookBody.of(replayed), url, SECRET, null))
			.statusCode()).isEqualTo(401);

		await().atMost(NODE_DEADLINE).until(() -> handled.get().size() == 2);
		assertThat(handled.get()).containsExactly(event.eventId() + " transaction.posted",
				rotated.eventId() + " account.created");
	}

	private static HttpAttempts attempts(Clock clock) {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		return new HttpAttempts(client, TargetPolicy.of(true, true), clock, Duration.ofSeconds(10),
				Duration.ofHours(1), 1024);
	}

	private static Claim claim(UUID eventId, String body, String url, String secret, String previousSecret) {
		EndpointTarget endpoint = new EndpointTarget(UUID.randomUUID(), UUID.randomUUID(), url, true, secret,
				previousSecret, (previousSecret != null) ? Instant.now().plus(Duration.ofHours(24)) : null);
		return new Claim(UUID.randomUUID(), endpoint.ledgerId(), 1, eventId, "test", body, 1, 0, endpoint);
	}

	private static String sign(List<String> secrets, String id, long timestamp, byte[] body) {
		return WebhookSignatures.header(secrets.stream().map(WebhookSecret::parse).toList(), id, timestamp, body);
	}

	private static LaasWebhookVerifier verifierAt(String secret, long epochSecond) {
		return new LaasWebhookVerifier(secret, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
	}

	private static boolean nodeAvailable() {
		try {
			Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			version.getInputStream().readAllBytes();
			return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Runs a script to its end with {@code input} on stdin; returns stdout, fails on a non-zero exit. */
	private static String runNode(Path dir, String script, String input) throws IOException, InterruptedException {
		Process node = new ProcessBuilder("node", script).directory(dir.toFile()).redirectErrorStream(true).start();
		try {
			try (OutputStream stdin = node.getOutputStream()) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(node.waitFor(NODE_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("node finished").isTrue();
			assertThat(node.exitValue()).as("node exit code; output: " + output).isZero();
			return output;
		}
		finally {
			if (node.isAlive()) {
				node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		try (var files = Files.walk(dir)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
