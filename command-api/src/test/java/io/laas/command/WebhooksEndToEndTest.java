package io.laas.command;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.webhooks.WebhookDispatcherApplication;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhook path end to end on real servers: an endpoint registered over /v1, a transaction posted, the relay
 * and Kafka, the real dispatcher, and a local HTTPS-less receiver (allowed in tests) that checks the signature.
 */
class WebhooksEndToEndTest extends ApiTestSupport {

	private static ConfigurableApplicationContext dispatcher;

	private HttpServer receiver;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	record Received(Map<String, String> headers, String body) {
	}

	@BeforeEach
	void startReceiverAndDispatcher() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			received.add(new Received(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"), "timestamp",
					exchange.getRequestHeaders().getFirst("webhook-timestamp"), "signature",
					exchange.getRequestHeaders().getFirst("webhook-signature")), new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		synchronized (WebhooksEndToEndTest.class) {
			if (dispatcher == null) {
				dispatcher = new SpringApplicationBuilder(WebhookDispatcherApplication.class).run("--server.port=0",
						"--laas.webhooks.allow-private-targets=true", "--laas.webhooks.allow-http=true");
			}
		}
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
	}

	@AfterEach
	void stopReceiver() {
		receiver.stop(0);
	}

	@AfterAll
	static void stopDispatcher() {
		if (dispatcher != null) {
			dispatcher.close();
			dispatcher = null;
		}
	}

	@Test
	void postedTransaction_isDeliveredSigned_toTheRegisteredEndpoint() throws Exception {
		Response endpoint = post("/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
				+ "/hook\",\"event_types\":[\"transaction.posted\"]}");
		assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
		String secret = endpoint.json().path("secret").asString();
		assertThat(secret).startsWith("whsec_");

		Response posted = post("/v1/transactions", sale("hook-1", "12.34"));
		String transactionId = posted.json().path("id").asString();

		await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(r -> r.body().contains(transactionId)));
		Received delivery = received.stream().filter(r -> r.body().contains(transactionId)).findFirst().orElseThrow();
		JsonNode body = io.laas.events.EventSerde.mapper().readTree(delivery.body());
		assertThat(body.path("type").asString()).isEqualTo("transaction.posted");
		assertThat(body.path("data").path("ledger_id").asString()).isEqualTo(ledger.id().toString());
		assertThat(delivery.headers().get("id")).isEqualTo(body.path("data").path("event_id").asString());
		String expected = "v1," + sign(secret, delivery.headers().get("id") + "." + delivery.headers().get("timestamp")
				+ "." + delivery.body());
		assertThat(delivery.headers().get("signature").split(" ")).contains(expected);
		// Filtered out: the account.created events of this ledger were not subscribed.
		assertThat(received).noneMatch(r -> r.body().contains("\"account.created\""));
	}

	@Test
	void testEvent_isSent_andRotationSignsWithBothSecrets() {
		Response endpoint = post("/v1/webhook-endpoints",
				"{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
		String id = endpoint.json().path("id").asString();
		Response rotated = post("/v1/webhook-endpoints/" + id + "/rotate-secret", "{}");
		assertThat(rotated.json().path("secret").asString()).isNotEqualTo(endpoint.json().path("secret").asString());

		assertThat(post("/v1/webhook-endpoints/" + id + "/test", "{}").status()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(r -> r.body().contains("webhook.test")));
		Received test = received.stream().filter(r -> r.body().contains("webhook.test")).findFirst().orElseThrow();
		assertThat(test.headers().get("signature").split(" ")).hasSize(2);
	}

	@Test
	void failedDeliveries_ofAnEndpoint_canBeRedeliveredInBulk() {
		String id = post("/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
				+ "/hook\"}").json().path("id").asString();
		UUID deliveryId = UUID.randomUUID();
		jdbc.update("insert into webhooks.deliveries (id, ledger_id, endpoint_id, event_id, event_type, sequence, body, "
				+ "status, attempts, created_at, updated_at) values (?, ?, ?::uuid, ?, 'webhook.test', 1, "
				+ "'{\"type\":\"webhook.test\",\"data\":{\"redelivered\":true}}'::jsonb, 'dead', 8, now(), now())",
				deliveryId, ledger.id(), id, UUID.randomUUID());

		Response answer = post("/v1/webhook-endpoints/" + id + "/redeliver", "{\"status\":\"dead\"}");

		assertThat(answer.json().path("redelivering").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(r -> r.body().contains("redelivered")));
		await().atMost(Duration.ofSeconds(10)).until(() -> "succeeded".equals(jdbc.queryForObject(
				"select status from webhooks.deliveries where id = ?", String.class, deliveryId)));
	}

	@Test
	void endpointUrls_mustBeAbsoluteHttpUrls_andOtherLedgersEndpointsAreNotFound() {
		assertThat(post("/v1/webhook-endpoints", "{\"url\":\"ftp://example.com/x\"}").status()).isEqualTo(400);
		assertThat(post("/v1/webhook-endpoints", "{\"url\":\"https://example.com/x\",\"event_types\":[\"nope\"]}").status())
			.isEqualTo(400);
		var other = newLedger("USD");
		String otherKey = apiKeys.create(other.orgId(), other.id(), "other", false, null).rawKey();
		String foreign = post("/v1/webhook-endpoints", "{\"url\":\"https://example.com/hook\"}", otherKey).json()
			.path("id").asString();
		assertThat(get("/v1/webhook-endpoints/" + foreign).status()).isEqualTo(404);
	}

	private static String sign(String secret, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}

}
