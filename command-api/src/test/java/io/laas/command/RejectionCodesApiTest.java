package io.laas.command;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusals of docs/api.md that TransactionPostingApiTest and TransactionLifecycleApiTest do not already pin,
 * over real HTTP: status, problem+json, the stable type/code, the field at fault, and that nothing was written.
 * {@link RejectionCodesCoverageTest} fails when a code the code base can produce has no such test.
 */
class RejectionCodesApiTest extends ApiTestSupport {

	@BeforeAll
	static void projector() {
		RunningProjector.ensureStarted(); // the read model exists, so the read refusals are the ones under test
	}

	@BeforeEach
	void accounts() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
	}

	@Test
	void openingAnExistingCode_isAccountAlreadyExists() {
		long events = eventCount();

		Response response = post("/v1/accounts", "{\"code\":\"cash\",\"name\":\"Cash again\",\"type\":\"asset\"}");

		assertRefused(response, 409, "account-already-exists", "code");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void openingUnderAnAbsentParent_isParentAccountNotFound() {
		long events = eventCount();

		Response response = post("/v1/accounts",
				"{\"code\":\"cash-eu\",\"name\":\"EU\",\"type\":\"asset\",\"parent_code\":\"ghost\"}");

		assertRefused(response, 422, "parent-account-not-found", "parent_code");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void postingInAnotherCurrencyThanTheAccount_isCurrencyMismatch() {
		long events = eventCount();

		Response response = post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00", "currency": "EUR"},
				              {"account_code": "revenue", "direction": "credit", "amount": "1.00", "currency": "EUR"}]}""");

		assertRefused(response, 422, "currency-mismatch", "postings[0].currency");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void childInAnotherCurrencyThanItsParent_isCurrencyMismatch() {
		long events = eventCount();

		Response response = post("/v1/accounts",
				"{\"code\":\"cash-eur\",\"name\":\"EUR\",\"type\":\"asset\",\"currency\":\"EUR\",\"parent_code\":\"cash\"}");

		assertRefused(response, 422, "currency-mismatch", "parent_code");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void accountInANonIsoCurrency_isUnknownCurrency() {
		long events = eventCount();

		Response response = post("/v1/accounts", "{\"code\":\"gold\",\"name\":\"Gold\",\"type\":\"asset\",\"currency\":\"XQQ\"}");

		assertRefused(response, 422, "unknown-currency", "currency");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void staleExpectedAccountVersion_isVersionConflict() {
		long version = get("/v1/accounts/cash").json().path("version").asLong();
		post("/v1/transactions", sale("moves-cash", "5.00"));
		long events = eventCount();

		Response response = post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00",
				               "expected_account_version": %d},
				              {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""".formatted(version));

		assertRefused(response, 409, "version-conflict", "postings[0].expected_account_version");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void actionsOnAnAbsentTransaction_areTransactionNotFound() {
		long events = eventCount();
		UUID ghost = UUID.randomUUID();

		for (String action : new String[] { "post", "void", "reverse" }) {
			assertRefused(post("/v1/transactions/" + ghost + "/" + action, "{}"), 404, "transaction-not-found",
					"transaction_id");
		}
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void reversingAPendingTransaction_isTransactionNotPosted() {
		String pending = post("/v1/transactions", """
				{"status": "pending", "postings": [{"account_code": "cash", "direction": "debit", "amount": "3.00"},
				              {"account_code": "revenue", "direction": "credit", "amount": "3.00"}]}""")
			.json()
			.path("id")
			.asString();
		long events = eventCount();

		Response response = post("/v1/transactions/" + pending + "/reverse", "{}");

		assertRefused(response, 409, "transaction-not-posted", "transaction_id");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void postingMoreThanIsPending_isAmountExceedsPending() {
		String pending = post("/v1/transactions", """
				{"status": "pending", "postings": [{"account_code": "cash", "direction": "debit", "amount": "3.00"},
				              {"account_code": "revenue", "direction": "credit", "amount": "3.00"}]}""")
			.json()
			.path("id")
			.asString();
		long events = eventCount();

		Response response = post("/v1/transactions/" + pending + "/post", "{\"amounts\":[\"3.01\",\"3.01\"]}");

		assertRefused(response, 422, "amount-exceeds-pending", "postings[0].amount");
		assertThat(eventCount()).isEqualTo(events);
		assertThat(jdbc.queryForObject("select status from transactions where id = ?::uuid", String.class, pending))
			.isEqualTo("pending");
	}

	@Test
	void readYourWritesBeyondTheLedgersLastSequence_isAClientError_atOnce() {
		// The ledger never handed this sequence out, so no wait can reach it: a 400, not a 10 s wait and a 503.
		Response response = get("/v1/accounts/cash?min_sequence=" + (eventCount() + 1_000_000));

		assertRefused(response, 400, "validation-failed", "min_sequence");
	}

	@Test
	void readYourWritesOfASequenceTheProjectionHasNotReached_isProjectionBehind() {
		// A projector that lags behind a handed-out sequence, made for real: the ledger's sequence counter moves one past
		// the last event (as a write committed but not yet projected would), and no event for it ever reaches the
		// projector. The bounded wait (10 s) runs out. The counter is restored, so the ledger stays consistent.
		long last = jdbc.queryForObject("select last_sequence from ledgers where id = ?", Long.class, ledger.id());
		jdbc.update("update ledgers set last_sequence = ? where id = ?", last + 1, ledger.id());
		try {
			Response response = get("/v1/accounts/cash?min_sequence=" + (last + 1));

			assertRefused(response, 503, "projection-behind", null);
		}
		finally {
			jdbc.update("update ledgers set last_sequence = ? where id = ?", last, ledger.id());
		}
	}

	@Test
	void otherMethodMediaTypeAndAcceptRefusals_areProblemsToo() {
		long events = eventCount();
		assertRefused(send(request("/v1/transactions").method("PUT", HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")), 405, "method-not-allowed", null);
		assertRefused(send(request("/v1/transactions").POST(HttpRequest.BodyPublishers.ofString("a=b"))
			.header("Content-Type", "application/x-www-form-urlencoded")), 415, "unsupported-media-type", null);
		assertRefused(send(request("/v1/accounts").GET().header("Accept", "application/xml")), 406, "not-acceptable",
				null);
		assertThat(eventCount()).isEqualTo(events);
	}

	/** Status, problem+json, type and code; and, when given, the field at fault as the first error. */
	static void assertRefused(Response response, int status, String code, String field) {
		assertProblem(response, status, code);
		JsonNode errors = response.json().path("errors");
		if (field == null) {
			assertThat(errors.isEmpty()).as(response.body()).isTrue();
		}
		else {
			assertThat(errors.get(0).path("field").asString()).as(response.body()).isEqualTo(field);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + apiKey);
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), false);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
