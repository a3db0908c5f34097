package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.laas.events.EventSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code LAAS_LOG_FORMAT=json} every log line is one JSON object, and the line of an accepted write joins the
 * HTTP request ({@code request_id}, echoed as {@code X-Request-Id}) to the event it appended ({@code event_id},
 * {@code ledger_id}, {@code sequence}), which the projector's and the dispatcher's lines name in turn.
 *
 * <p>Its own Spring context (the property differs), and Spring Boot initialises logging per context start: test
 * classes that reuse the shared context after this one log JSON too. Nothing asserts on the text format. Spring Boot
 * copies the format into the system property {@code CONSOLE_LOG_STRUCTURED_FORMAT} only if it is not set yet (the
 * JVM's first application decides it for every later one), so it is cleared before this context starts and after.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "LAAS_LOG_FORMAT=json")
class StructuredLogsTest extends ApiTestSupport {

	@BeforeAll
	@AfterAll
	static void forgetTheJvmsFirstFormat() {
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void acceptedPost_logsOneJsonLine_joiningRequestIdToEventIdLedgerAndSequence(CapturedOutput output) {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		String requestId = "req-" + UUID.randomUUID();

		HttpResponse<String> response = postWithRequestId("/v1/transactions", sale("k-" + UUID.randomUUID(), "12.50"),
				requestId);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);
		JsonNode answer = EventSerde.mapper().readTree(response.body());
		String transactionId = answer.path("id").asString();
		List<JsonNode> lines = jsonLinesOf(output, requestId);
		assertThat(lines).as(output.getOut()).hasSize(1);
		JsonNode accept = lines.get(0);
		assertThat(accept.path("level").asString()).isEqualTo("INFO");
		assertThat(accept.path("ledger_id").asString()).isEqualTo(ledger.id().toString());
		Object[] eventRow = jdbc.queryForObject(
				"select id::text, sequence from events where ledger_id = ? and aggregate_id = ?",
				(rs, i) -> new Object[] { rs.getString(1), rs.getLong(2) }, ledger.id(), transactionId);
		assertThat(accept.path("event_id").get(0).asString()).isEqualTo(eventRow[0]);
		assertThat(accept.path("sequence").get(0).asLong()).isEqualTo((Long) eventRow[1]);
		assertThat(accept.path("sequence_first").asLong()).isEqualTo((Long) eventRow[1]);
		assertThat(accept.path("transaction_id").get(0).asString()).isEqualTo(transactionId);
		assertThat(accept.path("event_type").get(0).asString()).isEqualTo("transaction.posted");
	}

	@Test
	void unsafeRequestId_isReplacedByAFreshOne_andStillEchoed(CapturedOutput output) {
		openAccount("cash", "asset");
		String unsafe = "bad id\"with{json}" + "x".repeat(80);

		HttpResponse<String> response = postWithRequestId("/v1/accounts",
				"{\"code\":\"fees\",\"name\":\"Fees\",\"type\":\"expense\"}", unsafe);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String echoed = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(echoed).isNotEqualTo(unsafe);
		assertThat(UUID.fromString(echoed)).isNotNull();
		assertThat(output.getOut()).doesNotContain("bad id");
		List<JsonNode> lines = jsonLinesOf(output, echoed);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).path("event_type").get(0).asString()).isEqualTo("account.created");
	}

	private HttpResponse<String> postWithRequestId(String path, String body, String requestId) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + apiKey)
			.header("X-Request-Id", requestId)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The captured lines that are JSON objects carrying this request id (a text line fails the parse: none may be). */
	private static List<JsonNode> jsonLinesOf(CapturedOutput output, String requestId) {
		return output.getOut()
			.lines()
			.filter(line -> line.contains(requestId))
			.map(line -> EventSerde.mapper().readTree(line))
			.filter(node -> requestId.equals(node.path("request_id").asString()))
			.toList();
	}

}
