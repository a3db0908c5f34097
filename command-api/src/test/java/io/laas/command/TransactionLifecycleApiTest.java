package io.laas.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pending, post, void, expiry, reversal, batches and races, over HTTP on the real stack. */
class TransactionLifecycleApiTest extends ApiTestSupport {

	@BeforeEach
	void accounts() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		post("/v1/accounts", "{\"code\":\"wallet\",\"name\":\"Wallet\",\"type\":\"liability\","
				+ "\"flags\":[\"debits_must_not_exceed_credits\"]}");
	}

	@Test
	void pending_reservesFunds_andPostsForLess() {
		fundWallet("50.00");
		JsonNode pending = post("/v1/transactions", transfer("wallet", "cash", "30.00", "\"status\":\"pending\"")).json();
		assertThat(pending.path("status").asString()).isEqualTo("pending");
		assertThat(balance(pending, "wallet").path("available").asString()).isEqualTo("20.00");
		assertProblem(post("/v1/transactions", transfer("wallet", "cash", "20.01", null)), 422, "insufficient-funds");

		Response posted = post("/v1/transactions/" + pending.path("id").asString() + "/post",
				"{\"amounts\":[\"10.00\",\"10.00\"]}");

		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		JsonNode wallet = balance(posted.json(), "wallet");
		assertThat(wallet.path("posted").asString()).isEqualTo("40.00");
		assertThat(wallet.path("available").asString()).isEqualTo("40.00");
		assertProblem(post("/v1/transactions/" + pending.path("id").asString() + "/void", "{}"), 409,
				"transaction-not-pending");
	}

	@Test
	void void_releasesTheReservation() {
		fundWallet("50.00");
		JsonNode pending = post("/v1/transactions", transfer("wallet", "cash", "50.00", "\"status\":\"pending\"")).json();

		JsonNode voided = post("/v1/transactions/" + pending.path("id").asString() + "/void", "{}").json();

		assertThat(voided.path("status").asString()).isEqualTo("voided");
		assertThat(balance(voided, "wallet").path("available").asString()).isEqualTo("50.00");
	}

	@Test
	void pendingPastItsExpiry_voidsItself_withAnEvent() {
		fundWallet("50.00");
		String expiresAt = Instant.now().plusSeconds(2).toString();
		JsonNode pending = post("/v1/transactions",
				transfer("wallet", "cash", "50.00", "\"status\":\"pending\",\"expires_at\":\"" + expiresAt + "\"")).json();

		await().atMost(Duration.ofSeconds(20)).until(() -> "expired".equals(jdbc.queryForObject(
				"select status from transactions where id = ?::uuid", String.class, pending.path("id").asString())));

		assertThat(jdbc.queryForObject("select count(*) from events where ledger_id = ? and event_type = "
				+ "'transaction.voided' and payload->>'reason' = 'expired'", Long.class, ledger.id())).isEqualTo(1);
		assertThat(jdbc.queryForObject("select debits_pending from accounts where ledger_id = ? and code = 'wallet'",
				java.math.BigDecimal.class, ledger.id())).isZero();
	}

	@Test
	void reversal_mirrorsOnce() {
		JsonNode sale = post("/v1/transactions", sale("s", "25.00")).json();
		Response reversal = post("/v1/transactions/" + sale.path("id").asString() + "/reverse", "{}");

		assertThat(reversal.status()).isEqualTo(201);
		assertThat(reversal.json().path("reverses").asString()).isEqualTo(sale.path("id").asString());
		assertThat(balance(reversal.json(), "cash").path("posted").asString()).isEqualTo("0.00");
		assertProblem(post("/v1/transactions/" + sale.path("id").asString() + "/reverse", "{}"), 409,
				"transaction-already-reversed");
	}

	@Test
	void atomicBatch_writesNothing_whenOneItemIsRefused() {
		long events = eventCount();
		Response response = post("/v1/transaction-batches", "{\"transactions\":[" + sale("a", "1.00") + ","
				+ transfer("cash", "revenue", "1.001", null) + "]}");

		assertProblem(response, 422, "amount-precision");
		assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("transactions[1].postings[0].amount");
		assertThat(eventCount()).isEqualTo(events);
	}

	@Test
	void independentBatch_answersPerItem() {
		Response response = post("/v1/transaction-batches", "{\"mode\":\"independent\",\"transactions\":["
				+ sale("i-1", "1.00") + "," + transfer("wallet", "cash", "5.00", null) + "," + sale("i-3", "2.00") + "]}");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode results = response.json().path("results");
		assertThat(results.get(0).path("status").asInt()).isEqualTo(201);
		assertThat(results.get(1).path("problem").path("code").asString()).isEqualTo("insufficient-funds");
		assertThat(results.get(2).path("status").asInt()).isEqualTo(201);
		assertThat(jdbc.queryForObject("select debits_posted from accounts where ledger_id = ? and code = 'cash'",
				java.math.BigDecimal.class, ledger.id())).isEqualByComparingTo("3.00");
	}

	@Test
	void hundredConcurrentDebits_onANoOverdraftWallet_succeedExactlyAsFundsAllow() throws Exception {
		fundWallet("10.00");
		List<Callable<Integer>> debits = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			debits.add(() -> post("/v1/transactions", transfer("wallet", "cash", "1.00", null)).status());
		}
		List<Integer> statuses = runAll(debits);

		assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
		assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(90);
		assertThat(jdbc.queryForObject("select credits_posted - debits_posted from accounts where ledger_id = ? "
				+ "and code = 'wallet'", java.math.BigDecimal.class, ledger.id())).isZero();
	}

	@Test
	void sameKeyFromFiftyThreads_createsOneTransaction_andEveryAnswerIsIdentical() throws Exception {
		List<Callable<String>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(() -> {
				Response r = post("/v1/transactions", sale("race", "7.00"));
				return r.status() + " " + r.body();
			});
		}
		Set<String> answers = new HashSet<>(runAll(calls));

		assertThat(answers).hasSize(1);
		assertThat(answers.iterator().next()).startsWith("201 ");
		assertThat(jdbc.queryForObject("select count(*) from events where ledger_id = ? and event_type = "
				+ "'transaction.posted'", Long.class, ledger.id())).isEqualTo(1);
	}

	private void fundWallet(String amount) {
		assertThat(post("/v1/transactions", transfer("cash", "wallet", amount, null)).status()).isEqualTo(201);
	}

	private static String transfer(String debit, String credit, String amount, String extra) {
		return "{" + (extra == null ? "" : extra + ",") + "\"postings\":[{\"account_code\":\"" + debit
				+ "\",\"direction\":\"debit\",\"amount\":\"" + amount + "\"},{\"account_code\":\"" + credit
				+ "\",\"direction\":\"credit\",\"amount\":\"" + amount + "\"}]}";
	}

	private static JsonNode balance(JsonNode answer, String code) {
		for (JsonNode b : answer.path("balances")) {
			if (b.path("account_code").asString().equals(code)) {
				return b;
			}
		}
		throw new AssertionError("no balance of " + code + " in " + answer);
	}

	private static <T> List<T> runAll(List<Callable<T>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> f : pool.invokeAll(calls)) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
