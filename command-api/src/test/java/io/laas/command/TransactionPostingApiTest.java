package io.laas.command;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/transactions over real HTTP: double entry, idempotency and every refusal as problem+json. */
class TransactionPostingApiTest extends ApiTestSupport {

	@BeforeEach
	void accounts() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
	}

	@Test
	void post_answersWithSequenceAndResultingBalances() {
		Response response = post("/v1/transactions", sale("k-1", "100.00"));

		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.path("status").asString()).isEqualTo("posted");
		assertThat(body.path("sequence").asLong()).isEqualTo(3); // two accounts opened first
		assertThat(body.path("postings").get(0).path("amount").asString()).isEqualTo("100.00");
		assertThat(body.path("balances").get(0).path("posted").asString()).isEqualTo("100.00");
		assertThat(body.path("balances").get(1).path("posted").asString()).isEqualTo("100.00");
		assertThat(jdbc.queryForObject("select debits_posted from accounts where ledger_id = ? and code = 'cash'",
				java.math.BigDecimal.class, ledger.id())).isEqualByComparingTo("100.00");
	}

	@Test
	void replay_returnsTheOriginalAnswer_andWritesNothing() {
		Response first = post("/v1/transactions", sale("same-key", "10.00"));
		long events = eventCount();

		Response again = post("/v1/transactions", sale("same-key", "10.00"));

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.replayed()).isTrue();
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void reusedKey_withAnotherBody_is409() {
		post("/v1/transactions", sale("reused", "10.00"));
		long events = eventCount();

		Response conflict = post("/v1/transactions", sale("reused", "11.00"));

		assertProblem(conflict, 409, "idempotency-key-reused");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void unbalanced_isRefused_andWritesNothing() {
		long events = eventCount();
		Response response = post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "100.00"},
				              {"account_code": "revenue", "direction": "credit", "amount": "99.99"}]}""");

		assertProblem(response, 422, "debits-not-equal-credits");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void zeroNegativeMalformedAndNumericAmounts_areRefusedWithTheField() {
		long events = eventCount();
		for (String amount : new String[] { "\"0.00\"", "\"-5.00\"", "\"1e3\"", "\"12.3.4\"", "100.00", "\"NaN\"",
				"\" 5\"", "\"1234567890123456789.00\"" }) {
			Response response = post("/v1/transactions", """
					{"postings": [{"account_code": "cash", "direction": "debit", "amount": %s},
					              {"account_code": "revenue", "direction": "credit", "amount": "5.00"}]}"""
				.formatted(amount));
			assertProblem(response, 400, "validation-failed");
			assertThat(response.json().path("errors").get(0).path("field").asString()).as(amount)
				.isEqualTo("postings[0].amount");
		}
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void amountsNeedingRounding_areRefused() {
		Response response = post("/v1/transactions", sale("round", "10.001"));

		assertProblem(response, 422, "amount-precision");
	}

	@Test
	void unknownAccount_isRefused() {
		Response response = post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"},
				              {"account_code": "nope", "direction": "credit", "amount": "1.00"}]}""");

		assertProblem(response, 422, "account-not-found");
		assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("postings[1].account_code");
	}

	@Test
	void anotherLedgersAccount_isNotFound() {
		var other = newLedger("USD");
		String otherKey = apiKeys.create(other.orgId(), other.id(), "other", false, null).rawKey();
		post("/v1/accounts", "{\"code\":\"foreign\",\"name\":\"x\",\"type\":\"asset\"}", otherKey);
		long events = eventCount();

		Response response = post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"},
				              {"account_code": "foreign", "direction": "credit", "amount": "1.00"}]}""");

		assertProblem(response, 422, "account-not-found");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void unknownFields_andMalformedJson_areRefused() {
		assertProblem(post("/v1/transactions", """
				{"balance": "1000000.00", "postings": []}"""), 400, "unknown-field");
		assertProblem(post("/v1/transactions", "{\"postings\": ["), 400, "malformed-json");
		assertProblem(post("/v1/transactions", "[]"), 400, "validation-failed");
	}

	@Test
	void singlePosting_isRefused() {
		assertProblem(post("/v1/transactions", """
				{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"}]}"""), 400,
				"validation-failed");
	}

	@Test
	void effectiveDatesOutsideTheYears1900To9999_areRefused_andWriteNothing() {
		// Found by the fuzzer: year 0 parsed in Java, was accepted, and stopped the projector (not a PostgreSQL year).
		long events = eventCount();
		for (String occurredAt : new String[] { "0000-01-03T00:00:00Z", "1899-12-31T23:59:59Z", "+10000-01-01T00:00:00Z" }) {
			Response response = post("/v1/transactions", """
					{"occurred_at": "%s", "postings": [
					  {"account_code": "cash", "direction": "debit", "amount": "1.00"},
					  {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""".formatted(occurredAt));
			assertProblem(response, 400, "validation-failed");
			assertThat(response.body()).contains("occurred_at");
		}
		assertThat(eventCount()).isEqualTo(events);
		Response oldest = post("/v1/transactions", """
				{"occurred_at": "1900-01-01T00:00:00Z", "postings": [
				  {"account_code": "cash", "direction": "debit", "amount": "1.00"},
				  {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}""");
		assertThat(oldest.status()).as(oldest.body()).isEqualTo(201);
	}

	@Test
	void missingOrUnknownKey_is401_andReadOnlyKeyCannotWrite() {
		assertProblem(post("/v1/transactions", sale("a", "1.00"), null), 401, "unauthenticated");
		assertProblem(post("/v1/transactions", sale("a", "1.00"), "sk_live_not-a-key"), 401, "unauthenticated");
		String readOnly = apiKeys.create(ledger.orgId(), ledger.id(), "ro", true, null).rawKey();
		assertProblem(post("/v1/transactions", sale("a", "1.00"), readOnly), 403, "read-only-key");
	}

	@Test
	void debitNormalAndCreditNormalBalances_bothGrow() {
		Response response = post("/v1/transactions", sale("k", "100.00"));
		JsonNode balances = response.json().path("balances");
		assertThat(balances.get(0).path("account_code").asString()).isEqualTo("cash");
		assertThat(balances.get(0).path("available").asString()).isEqualTo("100.00");
		assertThat(balances.get(1).path("account_code").asString()).isEqualTo("revenue");
		assertThat(balances.get(1).path("posted").asString()).isEqualTo("100.00");
	}

	static void assertProblem(Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.path("code").asString()).isEqualTo(code);
		assertThat(body.path("type").asString()).isEqualTo("https://laas.dev/problems/" + code);
		assertThat(body.path("detail").asString()).isNotBlank();
	}

}
