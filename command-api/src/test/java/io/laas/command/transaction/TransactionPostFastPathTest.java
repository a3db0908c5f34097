package io.laas.command.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.laas.command.ApiTestSupport;
import io.laas.command.apikey.ApiPrincipal;
import io.laas.events.EventSerde;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/transactions} answers the same whether {@link TransactionPostFastPath} serves it or Spring MVC
 * does: same status, headers and body for an accepted post, a replay, a reused key, a rule refusal and bad input.
 */
class TransactionPostFastPathTest extends ApiTestSupport {

	/** Not one of the forms the fast path takes: the request goes through the DispatcherServlet. */
	private static final String MVC_ACCEPT = "application/json, */*;q=0.5";

	@Autowired
	@Qualifier("transactionPostFastPathFilter")
	private FilterRegistrationBean<TransactionPostFastPath.Filter> fastPath;

	@Test
	void fastPath_answersAPlainPostItself_andPassesOtherShapesOnToMvc() throws Exception {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		ApiPrincipal principal = new ApiPrincipal(java.util.UUID.randomUUID(), ledger.orgId(), ledger.id(), false);

		MockFilterChain served = new MockFilterChain();
		MockHttpServletResponse answer = new MockHttpServletResponse();
		fastPath.getFilter().doFilter(request(principal, "application/json", sale("fast-1", "5.00")), answer, served);
		assertThat(served.getRequest()).as("the fast path answered without the chain").isNull();
		assertThat(answer.getStatus()).isEqualTo(201);
		assertThat(answer.getContentType()).isEqualTo("application/json");
		assertThat(EventSerde.mapper().readTree(answer.getContentAsString()).path("status").asString())
			.isEqualTo("posted");

		MockFilterChain passed = new MockFilterChain();
		fastPath.getFilter().doFilter(request(principal, "text/plain", sale("fast-2", "5.00")),
				new MockHttpServletResponse(), passed);
		assertThat(passed.getRequest()).as("another Content-Type goes on to MVC").isNotNull();

		MockFilterChain invalid = new MockFilterChain();
		fastPath.getFilter().doFilter(request(principal, "application/json", sale("fast-3", "-1")),
				new MockHttpServletResponse(), invalid);
		assertThat(invalid.getRequest()).as("a body that fails its checks goes on to MVC").isNotNull();
		assertThat(new String(invalid.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.as("with the bytes already read").isEqualTo(sale("fast-3", "-1"));
	}

	@Test
	void fastPathAndMvc_giveTheSameAnswer_forEveryOutcome() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		List<String[]> cases = List.of(
				new String[] { "accepted", sale("k-%s", "10.00") },
				new String[] { "replayed", sale("k-%s", "10.00") },
				new String[] { "key reused", sale("k-%s", "11.00") },
				new String[] { "unknown account", """
						{"postings": [{"account_code": "nope", "direction": "debit", "amount": "1.00"},
						  {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""" },
				new String[] { "unbalanced", """
						{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"},
						  {"account_code": "revenue", "direction": "credit", "amount": "2.00"}]}""" },
				new String[] { "number amount", """
						{"postings": [{"account_code": "cash", "direction": "debit", "amount": 1.00},
						  {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""" },
				new String[] { "unknown field", "{\"balance\": \"1\", \"postings\": []}" },
				new String[] { "malformed", "{\"postings\": [" },
				new String[] { "null body", "null" });
		for (String[] c : cases) {
			HttpResponse<String> fast = send(c[1].formatted("fast"), "application/json");
			HttpResponse<String> mvc = send(c[1].formatted("mvc"), MVC_ACCEPT);
			assertThat(fast.statusCode()).as(c[0]).isEqualTo(mvc.statusCode());
			assertThat(headers(fast)).as(c[0]).isEqualTo(headers(mvc));
			assertThat(comparable(fast.body())).as(c[0]).isEqualTo(comparable(mvc.body()));
		}
	}

	@Test
	void fastPath_countsItsPostsUnderTheRoutePattern_inTheHttpServerRequestsMetric() throws Exception {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		assertThat(send(sale("metric-1", "1.00"), "application/json").statusCode()).isEqualTo(201);

		HttpResponse<String> metrics = http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.body()).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*uri=\"/v1/transactions\"");
	}

	private MockHttpServletRequest request(ApiPrincipal principal, String contentType, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/transactions");
		request.setContentType(contentType);
		request.addHeader("Content-Type", contentType);
		request.addHeader("Accept", "application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.setAttribute(ApiPrincipal.class.getName(), principal);
		return request;
	}

	private HttpResponse<String> send(String body, String accept) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/transactions"))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Accept", accept)
				.header("Authorization", "Bearer " + apiKey)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every header but the per-request ones. */
	private static Map<String, List<String>> headers(HttpResponse<String> response) {
		Map<String, List<String>> kept = new TreeMap<>(response.headers().map());
		kept.remove("x-request-id");
		kept.remove("date");
		kept.remove("content-length"); // amounts and ids differ in length between the two posts
		return kept;
	}

	/** The body with what differs between two posts (ids, sequences, times, balances, the key) blanked. */
	private static String comparable(String body) {
		JsonNode tree = EventSerde.mapper().readTree(body);
		if (tree instanceof ObjectNode object && object.has("sequence")) {
			for (String field : List.of("id", "sequence", "occurred_at", "recorded_at", "balances")) {
				object.put(field, "*");
			}
		}
		return tree.toString().replace("fast", "*").replace("mvc", "*").replace("11.00", "*").replace("10.00", "*");
	}

}
