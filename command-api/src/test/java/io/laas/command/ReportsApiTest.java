package io.laas.command;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.laas.command.tenancy.Tenants;
import tools.jackson.databind.JsonNode;

import static io.laas.command.TransactionPostingApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balances at an effective time, statements and the three reports, through HTTP on the real stack (command-api,
 * Postgres, Debezium, Kafka, the projector in this JVM), on a small book whose every figure is worked out by hand
 * in {@link #book()}.
 */
class ReportsApiTest extends ApiTestSupport {

	private static final String PASSWORD = "correct horse battery staple";

	/** After every effective time of the book, long before the test runs. */
	private static final String MARCH = "2024-03-01T00:00:00Z";

	private Book book;

	/** The transactions of the book, and the last sequence written (to wait for its projection). */
	record Book(String capital, String sale, String rent, String loan, String yenSale, String pendingRent,
			String pendingSale, String backDatedSale, long lastSequence) {
	}

	@BeforeEach
	void projectorAndBook() {
		RunningProjector.ensureStarted();
		book = book();
	}

	/**
	 * The book, in USD unless said (P = the parent of the accounts below it):
	 *
	 * <pre>
	 * assets (P) ─ cash, bank        loans (liability)     capital "Capital, owners" (equity)
	 * revenue (P) ─ sales            opex (P) ─ rent       yen_cash (asset, JPY), yen_sales (revenue, JPY)
	 *
	 * occurred_at  written  what
	 * 2024-01-01   1        capital:  D cash 1000.00   C capital 1000.00
	 * 2024-01-10   2        sale:     D bank 250.00    C sales 250.00
	 * 2024-02-01   3        rent:     D rent 400.00    C cash 400.00
	 * 2024-02-15   4        loan:     D bank 500.00    C loans 500.00
	 * 2024-01-20   5        yen sale: D yen_cash 10000 C yen_sales 10000 (JPY)
	 * 2024-02-20   6        PENDING:  D rent 100.00    C cash 100.00   (stays pending)
	 * 2024-01-25   7        PENDING:  D bank 30.00     C sales 30.00   (posted for 20.00 at the end, today)
	 * 2024-01-05   8        back-dated sale: D cash 50.00 C revenue 50.00 (to the parent itself)
	 * today        9        transaction 7 posted for 20.00: releases 30.00, posts 20.00
	 * </pre>
	 */
	private Book book() {
		open("assets", "Assets", "asset", null, null);
		open("cash", "Cash", "asset", null, "assets");
		open("bank", "Bank", "asset", null, "assets");
		open("loans", "=Loans", "liability", null, null);
		open("capital", "Capital, owners", "equity", null, null);
		open("revenue", "Revenue", "revenue", null, null);
		open("sales", "Sales", "revenue", null, "revenue");
		open("opex", "Operating expenses", "expense", null, null);
		open("rent", "Rent", "expense", null, "opex");
		open("yen_cash", "Yen cash", "asset", "JPY", null);
		open("yen_sales", "Yen sales", "revenue", "JPY", null);
		String capital = transaction("2024-01-01T00:00:00Z", "Owners' capital", false, "cash", "capital", "1000.00");
		String sale = transaction("2024-01-10T12:00:00Z", "Sale #1", false, "bank", "sales", "250.00");
		String rent = transaction("2024-02-01T00:00:00Z", "Rent, January", false, "rent", "cash", "400.00");
		String loan = transaction("2024-02-15T00:00:00Z", "Loan", false, "bank", "loans", "500.00");
		String yenSale = transaction("2024-01-20T00:00:00Z", "Yen sale", false, "yen_cash", "yen_sales", "10000");
		String pendingRent = transaction("2024-02-20T00:00:00Z", "Rent hold", true, "rent", "cash", "100.00");
		String pendingSale = transaction("2024-01-25T00:00:00Z", "Card sale", true, "bank", "sales", "30.00");
		String backDated = transaction("2024-01-05T00:00:00Z", "Late entry", false, "cash", "revenue", "50.00");
		Response posted = post("/v1/transactions/" + pendingSale.split("@")[0] + "/post",
				"{\"amounts\": [\"20.00\", \"20.00\"]}");
		assertThat(posted.status()).as(posted.body()).isEqualTo(200);
		return new Book(capital, sale, rent, loan, yenSale, pendingRent, pendingSale, backDated,
				posted.json().path("sequence").asLong());
	}

	@Test
	void balance_asOf_countsLegsByOccurredAt_andPendingUntilReleased() {
		// Today: from read_model.accounts. Cash: 1000 + 50 − 400 posted, 100 reserved by the pending rent.
		JsonNode cash = json(get("/v1/accounts/cash/balance?min_sequence=" + book.lastSequence()));
		assertBalance(cash, "650.00", "-100.00", "550.00");
		assertThat(cash.path("debits_posted").asString()).isEqualTo("1050.00");
		assertThat(cash.path("credits_posted").asString()).isEqualTo("400.00");
		assertThat(cash.path("credits_pending").asString()).isEqualTo("100.00");
		assertThat(cash.path("normal_side").asString()).isEqualTo("debit");
		assertThat(cash.path("as_of").isNull()).isTrue();
		assertThat(cash.path("as_of_sequence").asLong()).isGreaterThanOrEqualTo(book.lastSequence());

		// Bank today: the pending 30.00 was posted for 20.00 (today), so nothing is pending any more.
		assertBalance(json(get("/v1/accounts/bank/balance")), "770.00", "0.00", "770.00");
		// In March 2024 the card sale was still a reservation of 30.00 (its release happened today).
		JsonNode bankInMarch = json(get("/v1/accounts/bank/balance?as_of=" + MARCH));
		assertBalance(bankInMarch, "750.00", "30.00", "750.00");
		assertThat(bankInMarch.path("debits_pending").asString()).isEqualTo("30.00");
		assertThat(bankInMarch.path("as_of").asString()).isEqualTo(MARCH);
		// Before the card sale occurred (2024-01-25) it reserved nothing.
		assertBalance(json(get("/v1/accounts/bank/balance?as_of=2024-01-24T23:59:59Z")), "250.00", "0.00", "250.00");

		// Cash through time: nothing before the first transaction; the back-dated 50.00 counts from 2024-01-05.
		assertBalance(json(get("/v1/accounts/cash/balance?as_of=2023-12-31T23:59:59Z")), "0.00", "0.00", "0.00");
		assertBalance(json(get("/v1/accounts/cash/balance?as_of=2024-01-01T00:00:00Z")), "1000.00", "0.00", "1000.00");
		assertBalance(json(get("/v1/accounts/cash/balance?as_of=2024-01-05T00:00:00%2B00:00")), "1050.00", "0.00",
				"1050.00");
		assertBalance(json(get("/v1/accounts/cash/balance?as_of=2024-02-19T00:00:00Z")), "650.00", "0.00", "650.00");
		assertBalance(json(get("/v1/accounts/cash/balance?as_of=" + MARCH)), "650.00", "-100.00", "550.00");
		// Credit-normal, and JPY without decimals.
		assertBalance(json(get("/v1/accounts/sales/balance?as_of=" + MARCH)), "250.00", "30.00", "250.00");
		assertBalance(json(get("/v1/accounts/yen_sales/balance?as_of=" + MARCH)), "10000", "0", "10000");

		// Pair check: far in the future, the balances computed from the legs equal the account rows.
		for (String code : List.of("cash", "bank", "sales", "rent", "revenue", "yen_cash", "loans")) {
			JsonNode now = json(get("/v1/accounts/" + code + "/balance"));
			JsonNode later = json(get("/v1/accounts/" + code + "/balance?as_of=2100-01-01T00:00:00Z"));
			for (String field : List.of("debits_posted", "credits_posted", "debits_pending", "credits_pending")) {
				assertThat(later.path(field).asString()).as(code + " " + field).isEqualTo(now.path(field).asString());
			}
		}
	}

	@Test
	void statement_hasOpeningRunningAndClosingBalances_inOccurredAtOrder() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		JsonNode s = json(get("/v1/accounts/cash/statement?from=2024-01-02T00:00:00Z&to=" + MARCH));
		assertThat(s.path("opening_balance").asString()).isEqualTo("1000.00");
		assertThat(s.path("total_debits").asString()).isEqualTo("50.00");
		assertThat(s.path("total_credits").asString()).isEqualTo("400.00");
		assertThat(s.path("closing_balance").asString()).isEqualTo("650.00");
		// The back-dated entry was written after the rent but happened before it: effective-time order.
		assertThat(entries(s)).containsExactly(
				id(book.backDatedSale()) + "|2024-01-05T00:00:00Z|Late entry|debit|50.00|1050.00",
				id(book.rent()) + "|2024-02-01T00:00:00Z|Rent, January|credit|400.00|650.00");
		assertThat(s.path("entries").get(0).path("sequence").asLong())
			.isGreaterThan(s.path("entries").get(1).path("sequence").asLong());

		// Unbounded: from zero; the pending rent hold is a reservation, not a movement.
		JsonNode all = json(get("/v1/accounts/cash/statement"));
		assertThat(all.path("opening_balance").asString()).isEqualTo("0.00");
		assertThat(entries(all)).extracting(e -> e.substring(e.lastIndexOf('|') + 1))
			.containsExactly("1000.00", "1050.00", "650.00");
		assertThat(all.path("closing_balance").asString()).isEqualTo("650.00");

		// Credit-normal sales: the card sale's posted 20.00 happened today, after the 250.00 of January.
		JsonNode sales = json(get("/v1/accounts/sales/statement"));
		assertThat(entries(sales)).extracting(e -> e.substring(e.lastIndexOf('|') + 1))
			.containsExactly("250.00", "270.00");
		// An empty period opens and closes at the same balance.
		JsonNode quiet = json(get("/v1/accounts/cash/statement?from=2024-01-06T00:00:00Z&to=2024-01-06T00:00:00Z"));
		assertThat(quiet.path("entries").size()).isZero();
		assertThat(quiet.path("opening_balance").asString()).isEqualTo("1050.00");
		assertThat(quiet.path("closing_balance").asString()).isEqualTo("1050.00");

		Response csv = getWith("/v1/accounts/cash/statement?from=2024-01-02T00:00:00Z&to=" + MARCH, apiKey,
				"text/csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).isEqualTo(""
				+ "row,account_code,currency,transaction_id,sequence,occurred_at,description,direction,amount,balance\r\n"
				+ "opening,cash,USD,,,2024-01-02T00:00:00Z,,,,1000.00\r\n"
				+ "entry,cash,USD," + id(book.backDatedSale()) + "," + sequence(book.backDatedSale())
				+ ",2024-01-05T00:00:00Z,Late entry,debit,50.00,1050.00\r\n"
				+ "entry,cash,USD," + id(book.rent()) + "," + sequence(book.rent())
				+ ",2024-02-01T00:00:00Z,\"Rent, January\",credit,400.00,650.00\r\n"
				+ "closing,cash,USD,,,2024-03-01T00:00:00Z,,,,650.00\r\n");
		assertThat(get("/v1/accounts/cash/statement?format=csv").body()).startsWith("row,account_code,");
	}

	@Test
	void trialBalance_rollsChildrenUpToParents_perCurrency_andDebitsEqualCredits() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		JsonNode report = json(get("/v1/reports/trial-balance?as_of=" + MARCH));
		assertThat(report.path("currencies").size()).isEqualTo(2);
		JsonNode jpy = report.path("currencies").get(0);
		assertThat(jpy.path("currency").asString()).isEqualTo("JPY");
		assertThat(trialLines(jpy)).containsExactly("yen_cash|0|10000|0", "yen_sales|0|0|10000");
		JsonNode usd = report.path("currencies").get(1);
		// Parents first (assets, liabilities, equity, revenue, expenses), each parent carrying its children.
		assertThat(trialLines(usd)).containsExactly("assets|0|1400.00|0.00", "bank|1|750.00|0.00",
				"cash|1|650.00|0.00", "loans|0|0.00|500.00", "capital|0|0.00|1000.00", "revenue|0|0.00|300.00",
				"sales|1|0.00|250.00", "opex|0|400.00|0.00", "rent|1|400.00|0.00");
		assertThat(usd.path("total_debits").asString()).isEqualTo("1800.00");
		assertThat(usd.path("total_credits").asString()).isEqualTo("1800.00");

		// Today: the card sale posted 20.00 more to bank and sales.
		JsonNode today = json(get("/v1/reports/trial-balance")).path("currencies").get(1);
		assertThat(today.path("total_debits").asString()).isEqualTo("1820.00");
		assertThat(today.path("total_credits").asString()).isEqualTo("1820.00");

		Response csv = get("/v1/reports/trial-balance?format=csv&as_of=" + MARCH);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).isEqualTo(""
				+ "row,currency,code,name,type,parent_code,level,debit,credit\r\n"
				+ "account,JPY,yen_cash,Yen cash,asset,,0,10000,0\r\n"
				+ "account,JPY,yen_sales,Yen sales,revenue,,0,0,10000\r\n"
				+ "total,JPY,,,,,,10000,10000\r\n"
				+ "account,USD,assets,Assets,asset,,0,1400.00,0.00\r\n"
				+ "account,USD,bank,Bank,asset,assets,1,750.00,0.00\r\n"
				+ "account,USD,cash,Cash,asset,assets,1,650.00,0.00\r\n"
				+ "account,USD,loans,'=Loans,liability,,0,0.00,500.00\r\n"
				+ "account,USD,capital,\"Capital, owners\",equity,,0,0.00,1000.00\r\n"
				+ "account,USD,revenue,Revenue,revenue,,0,0.00,300.00\r\n"
				+ "account,USD,sales,Sales,revenue,revenue,1,0.00,250.00\r\n"
				+ "account,USD,opex,Operating expenses,expense,,0,400.00,0.00\r\n"
				+ "account,USD,rent,Rent,expense,opex,1,400.00,0.00\r\n"
				+ "total,USD,,,,,,1800.00,1800.00\r\n");
	}

	@Test
	void balanceSheet_showsRetainedEarnings_andThatAssetsEqualTheOtherSide() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		JsonNode usd = json(get("/v1/reports/balance-sheet?as_of=" + MARCH)).path("currencies").get(1);
		assertThat(usd.path("currency").asString()).isEqualTo("USD");
		assertThat(sectionLines(usd.path("assets"))).containsExactly("assets|0|1400.00", "bank|1|750.00",
				"cash|1|650.00");
		assertThat(usd.path("assets").path("total").asString()).isEqualTo("1400.00");
		assertThat(usd.path("liabilities").path("total").asString()).isEqualTo("500.00");
		assertThat(usd.path("equity").path("total").asString()).isEqualTo("1000.00");
		assertThat(usd.path("retained_earnings").path("revenue").asString()).isEqualTo("300.00");
		assertThat(usd.path("retained_earnings").path("expenses").asString()).isEqualTo("400.00");
		assertThat(usd.path("retained_earnings").path("amount").asString()).isEqualTo("-100.00");
		assertThat(usd.path("total_liabilities_and_equity").asString()).isEqualTo("1400.00");
		assertThat(usd.path("check").path("assets").asString()).isEqualTo("1400.00");
		assertThat(usd.path("check").path("liabilities_equity_and_retained_earnings").asString()).isEqualTo("1400.00");
		assertThat(usd.path("check").path("difference").asString()).isEqualTo("0.00");
		assertThat(usd.path("check").path("balanced").asBoolean()).isTrue();

		// Mid-January: cash 1050 + bank 250 = capital 1000 + retained (sales 250 + revenue 50).
		JsonNode january = json(get("/v1/reports/balance-sheet?as_of=2024-01-15T00:00:00Z")).path("currencies").get(1);
		assertThat(january.path("assets").path("total").asString()).isEqualTo("1300.00");
		assertThat(january.path("retained_earnings").path("amount").asString()).isEqualTo("300.00");
		assertThat(january.path("total_liabilities_and_equity").asString()).isEqualTo("1300.00");

		Response csv = get("/v1/reports/balance-sheet?format=csv&as_of=" + MARCH);
		assertThat(csv.body()).contains("row,currency,section,code,name,parent_code,level,amount\r\n",
				"account,USD,assets,cash,Cash,assets,1,650.00\r\n", "total,USD,assets,,,,,1400.00\r\n",
				"retained_earnings,USD,equity,,,,,-100.00\r\n", "total,USD,liabilities_and_equity,,,,,1400.00\r\n",
				"check,USD,assets_minus_liabilities_and_equity,,,,,0.00\r\n", "check,JPY,");
	}

	@Test
	void incomeStatement_coversAHalfOpenPeriodOfEffectiveTime() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		// January: the rent of 2024-02-01 falls on the excluded upper bound.
		JsonNode january = json(get("/v1/reports/income-statement?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z"));
		JsonNode usd = january.path("currencies").get(1);
		assertThat(sectionLines(usd.path("revenue"))).containsExactly("revenue|0|300.00", "sales|1|250.00");
		assertThat(usd.path("revenue").path("total").asString()).isEqualTo("300.00");
		assertThat(usd.path("expenses").path("total").asString()).isEqualTo("0.00");
		assertThat(usd.path("net_income").asString()).isEqualTo("300.00");
		assertThat(january.path("currencies").get(0).path("net_income").asString()).isEqualTo("10000");

		JsonNode toMarch = json(get("/v1/reports/income-statement?from=2024-01-01T00:00:00Z&to=" + MARCH))
			.path("currencies").get(1);
		assertThat(sectionLines(toMarch.path("expenses"))).containsExactly("opex|0|400.00", "rent|1|400.00");
		assertThat(toMarch.path("net_income").asString()).isEqualTo("-100.00");

		// All time, today: the card sale's 20.00 was posted today.
		JsonNode allTime = json(get("/v1/reports/income-statement")).path("currencies").get(1);
		assertThat(allTime.path("revenue").path("total").asString()).isEqualTo("320.00");
		assertThat(allTime.path("net_income").asString()).isEqualTo("-80.00");

		Response csv = get("/v1/reports/income-statement?format=csv&from=2024-01-01T00:00:00Z&to=" + MARCH);
		assertThat(csv.body()).contains("account,USD,revenue,sales,Sales,revenue,1,250.00\r\n",
				"total,USD,expenses,,,,,400.00\r\n", "net_income,USD,,,,,,-100.00\r\n", "net_income,JPY,,,,,,10000\r\n");
	}

	/**
	 * A seeded random workload in a ledger of its own — back-dated USD and JPY transactions over 2024, some pending
	 * and later posted for less or voided — against a reference ledger kept here: at random effective times, the
	 * trial balance balances in each currency and shows, for every account, the rolled-up figure the reference
	 * expects; balances agree too. (Posting or voiding a pending transaction happens today, after all of 2024.)
	 */
	@Test
	void trialBalanceAndBalances_matchAReferenceLedger_onARandomWorkload() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		String run = "seed " + seed;
		ledger = newLedger("USD");
		apiKey = apiKeys.create(ledger.orgId(), ledger.id(), "random", false, null).rawKey();
		Map<String, String> parents = Map.of("cash", "assets", "bank", "assets", "sales", "revenue", "rent", "opex");
		Map<String, String> types = new LinkedHashMap<>();
		List.of("assets", "cash", "bank").forEach(c -> types.put(c, "asset"));
		types.put("loans", "liability");
		types.put("capital", "equity");
		List.of("revenue", "sales").forEach(c -> types.put(c, "revenue"));
		List.of("opex", "rent").forEach(c -> types.put(c, "expense"));
		types.put("yen_cash", "asset");
		types.put("yen_sales", "revenue");
		types.forEach((code, type) -> open(code, code, type, code.startsWith("yen") ? "JPY" : null, parents.get(code)));
		List<String> usd = List.of("assets", "cash", "bank", "loans", "capital", "revenue", "sales", "opex", "rent");
		List<String> jpy = List.of("yen_cash", "yen_sales");

		List<RandomTx> workload = new ArrayList<>();
		long last = 0;
		Instant year = Instant.parse("2024-01-01T00:00:00Z");
		for (int i = 0; i < 60; i++) {
			boolean yen = random.nextInt(5) == 0;
			List<String> pool = yen ? jpy : usd;
			List<RandomLeg> legs = new ArrayList<>();
			int pairs = 1 + random.nextInt(2);
			for (int pair = 0; pair < pairs; pair++) {
				String debit = pool.get(random.nextInt(pool.size()));
				String credit = pool.get(random.nextInt(pool.size()));
				BigDecimal amount = yen ? BigDecimal.valueOf(1 + random.nextInt(50_000))
						: BigDecimal.valueOf(1 + random.nextInt(100_000), 2);
				legs.add(new RandomLeg(debit, true, amount));
				legs.add(new RandomLeg(credit, false, amount));
			}
			Instant occurredAt = year.plusSeconds(random.nextInt(366 * 24 * 3600));
			boolean pending = random.nextInt(5) == 0;
			StringBuilder postings = new StringBuilder();
			for (RandomLeg leg : legs) {
				postings.append(postings.length() == 0 ? "" : ",").append("{\"account_code\":\"").append(leg.code())
					.append("\",\"direction\":\"").append(leg.debit() ? "debit" : "credit").append("\",\"amount\":\"")
					.append(leg.amount().toPlainString()).append("\"}");
			}
			Response created = post("/v1/transactions", "{\"occurred_at\":\"" + occurredAt + "\",\"status\":\""
					+ (pending ? "pending" : "posted") + "\",\"postings\":[" + postings + "]}");
			assertThat(created.status()).as(run + ": " + created.body()).isEqualTo(201);
			last = Math.max(last, created.json().path("sequence").asLong());
			String id = created.json().path("id").asString();
			List<RandomLeg> postedLater = null;
			boolean voided = false;
			if (pending && random.nextBoolean()) {
				// Posted for half (at least one minor unit), leg by leg, so that each currency still balances.
				postedLater = new ArrayList<>();
				List<String> amounts = new ArrayList<>();
				for (RandomLeg leg : legs) {
					BigDecimal half = leg.amount().divide(BigDecimal.valueOf(2), leg.amount().scale(),
							RoundingMode.DOWN);
					half = half.signum() == 0 ? leg.amount() : half;
					postedLater.add(new RandomLeg(leg.code(), leg.debit(), half));
					amounts.add("\"" + half.toPlainString() + "\"");
				}
				Response done = post("/v1/transactions/" + id + "/post", "{\"amounts\":" + amounts + "}");
				assertThat(done.status()).as(run + ": " + done.body()).isEqualTo(200);
				last = Math.max(last, done.json().path("sequence").asLong());
			}
			else if (pending && random.nextBoolean()) {
				Response done = post("/v1/transactions/" + id + "/void", "{}");
				assertThat(done.status()).as(run + ": " + done.body()).isEqualTo(200);
				last = Math.max(last, done.json().path("sequence").asLong());
				voided = true;
			}
			workload.add(new RandomTx(occurredAt, pending, legs, postedLater, voided));
		}
		get("/v1/accounts/cash?min_sequence=" + last);

		List<Instant> asOfs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			asOfs.add(year.plusSeconds(random.nextInt(366 * 24 * 3600)));
		}
		asOfs.add(Instant.parse("2100-01-01T00:00:00Z"));
		for (Instant asOf : asOfs) {
			boolean afterToday = asOf.isAfter(Instant.now());
			Map<String, BigDecimal[]> own = new HashMap<>();
			types.keySet().forEach(c -> own.put(c, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
					BigDecimal.ZERO }));
			for (RandomTx tx : workload) {
				if (tx.occurredAt().isAfter(asOf)) {
					continue;
				}
				boolean released = afterToday && tx.pending() && (tx.postedLater() != null || tx.voided());
				List<RandomLeg> posted = !tx.pending() ? tx.legs() : (afterToday ? tx.postedLater() : null);
				if (posted != null) {
					posted.forEach(l -> own.get(l.code())[l.debit() ? 0 : 1] = own.get(l.code())[l.debit() ? 0 : 1]
						.add(l.amount()));
				}
				if (tx.pending() && !released) {
					tx.legs().forEach(l -> own.get(l.code())[l.debit() ? 2 : 3] = own.get(l.code())[l.debit() ? 2 : 3]
						.add(l.amount()));
				}
			}
			String where = run + ", as of " + asOf;
			JsonNode report = json(get("/v1/reports/trial-balance?as_of=" + asOf));
			Map<String, String> lines = new HashMap<>();
			for (JsonNode currency : report.path("currencies")) {
				assertThat(currency.path("total_debits").asString()).as(where + ": " + currency.path("currency"))
					.isEqualTo(currency.path("total_credits").asString());
				for (JsonNode line : currency.path("accounts")) {
					lines.put(line.path("code").asString(), line.path("debit").asString() + "/"
							+ line.path("credit").asString());
				}
			}
			for (String code : types.keySet()) {
				int scale = code.startsWith("yen") ? 0 : 2;
				BigDecimal net = own.get(code)[0].subtract(own.get(code)[1]);
				for (Map.Entry<String, String> child : parents.entrySet()) {
					if (child.getValue().equals(code)) {
						net = net.add(own.get(child.getKey())[0]).subtract(own.get(child.getKey())[1]);
					}
				}
				String expected = net.max(BigDecimal.ZERO).setScale(scale).toPlainString() + "/"
						+ net.negate().max(BigDecimal.ZERO).setScale(scale).toPlainString();
				assertThat(lines.get(code)).as(where + ": trial balance line of " + code).isEqualTo(expected);
			}
			String code = new ArrayList<>(types.keySet()).get(random.nextInt(types.size()));
			JsonNode balance = json(get("/v1/accounts/" + code + "/balance?as_of=" + asOf)).path("balance");
			BigDecimal[] t = own.get(code);
			boolean debitNormal = types.get(code).equals("asset") || types.get(code).equals("expense");
			int scale = code.startsWith("yen") ? 0 : 2;
			BigDecimal posted = debitNormal ? t[0].subtract(t[1]) : t[1].subtract(t[0]);
			BigDecimal pendingNet = debitNormal ? t[2].subtract(t[3]) : t[3].subtract(t[2]);
			assertThat(balance.path("posted").asString()).as(where + ": posted " + code)
				.isEqualTo(posted.setScale(scale).toPlainString());
			assertThat(balance.path("pending").asString()).as(where + ": pending " + code)
				.isEqualTo(pendingNet.setScale(scale).toPlainString());
			JsonNode sheet = json(get("/v1/reports/balance-sheet?as_of=" + asOf));
			for (JsonNode currency : sheet.path("currencies")) {
				assertThat(currency.path("check").path("balanced").asBoolean()).as(where).isTrue();
			}
		}
	}

	record RandomLeg(String code, boolean debit, BigDecimal amount) {
	}

	record RandomTx(Instant occurredAt, boolean pending, List<RandomLeg> legs, List<RandomLeg> postedLater,
			boolean voided) {
	}

	@Test
	void reportsRefuseToAnswer_whenTheReadModelDoesNotBalance() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		// A leg without its other side: only a broken projector could write it. The reports assert, never hide it.
		jdbc.update("insert into read_model.postings (ledger_id, transaction_id, ordinal, sequence, account_code, "
				+ "direction, amount, currency, status, occurred_at) values (?, ?, 0, ?, 'cash', 'debit', 0.01, 'USD', "
				+ "'posted', ?)", ledger.id(), UUID.randomUUID(), book.lastSequence() + 1_000,
				OffsetDateTime.parse("2024-01-01T00:00:00Z"));

		assertProblem(get("/v1/reports/trial-balance?as_of=" + MARCH), 500, "internal-error");
		assertProblem(get("/v1/reports/balance-sheet?as_of=" + MARCH), 500, "internal-error");
		// Today's figures come from the account rows, which the stray leg did not touch.
		assertThat(json(get("/v1/reports/trial-balance")).path("currencies").get(1).path("total_debits").asString())
			.isEqualTo("1820.00");
	}

	@Test
	void dashboardRoutes_answerTheLedgersMembers_andAnotherTenantGets404() {
		get("/v1/accounts/cash?min_sequence=" + book.lastSequence());
		String owner = logIn(jdbc.queryForObject("select u.email from users u join org_users m on m.user_id = u.id "
				+ "where m.org_id = ?", String.class, ledger.orgId()));
		String base = "/api/ledgers/" + ledger.id();
		assertBalance(json(session(owner, base + "/accounts/cash/balance?as_of=" + MARCH)), "650.00", "-100.00",
				"550.00");
		assertThat(json(session(owner, base + "/accounts/cash/statement?from=2024-01-02T00:00:00Z"))
			.path("closing_balance").asString()).isEqualTo("650.00");
		assertThat(session(owner, base + "/accounts/cash/statement?format=csv").body()).startsWith("row,account_code,");
		assertThat(json(session(owner, base + "/reports/trial-balance?as_of=" + MARCH)).path("currencies").get(1)
			.path("total_debits").asString()).isEqualTo("1800.00");
		assertThat(json(session(owner, base + "/reports/balance-sheet")).path("currencies").size()).isEqualTo(2);
		assertThat(json(session(owner, base + "/reports/income-statement")).path("currencies").size()).isEqualTo(2);
		// The dashboard's paged statement keeps its route when no period is asked for.
		assertThat(json(session(owner, base + "/accounts/cash/statement")).has("data")).isTrue();

		String stranger = signUp();
		for (String path : List.of("/accounts/cash/balance", "/accounts/cash/statement?from=2024-01-01T00:00:00Z",
				"/accounts/cash/statement?format=csv", "/reports/trial-balance", "/reports/balance-sheet",
				"/reports/income-statement?format=csv")) {
			assertProblem(session(stranger, base + path), 404, "not-found");
		}
		// Another ledger's API key does not see this ledger's accounts either.
		Tenants.Ledger other = newLedger("USD");
		String otherKey = apiKeys.create(other.orgId(), other.id(), "other", true, null).rawKey();
		assertProblem(getWith("/v1/accounts/cash/balance", otherKey, null), 404, "not-found");
		assertProblem(getWith("/v1/accounts/cash/statement", otherKey, "text/csv"), 404, "not-found");
		assertThat(json(getWith("/v1/reports/trial-balance", otherKey, null)).path("currencies").size()).isZero();
	}

	@Test
	void badParameters_areProblemsNamingTheField() {
		assertProblem(get("/v1/accounts/cash/balance?as_of=yesterday"), 400, "validation-failed");
		assertProblem(get("/v1/accounts/cash/balance?as_of=2024-01-01T00:00:00+01:00"), 400, "validation-failed");
		assertProblem(get("/v1/accounts/ghost/balance"), 404, "not-found");
		assertProblem(get("/v1/accounts/cash/statement?from=" + MARCH + "&to=2024-01-01T00:00:00Z"), 400,
				"validation-failed");
		assertProblem(get("/v1/accounts/cash/statement?format=xml"), 400, "validation-failed");
		assertProblem(getWith("/v1/accounts/ghost/statement", apiKey, "text/csv"), 404, "not-found");
		assertProblem(get("/v1/reports/income-statement?to=2024-01-01&from=2023-01-01T00:00:00Z"), 400,
				"validation-failed");
		Response badField = get("/v1/reports/trial-balance?as_of=soon");
		assertThat(badField.json().path("errors").get(0).path("field").asString()).isEqualTo("as_of");
	}

	// ---------------------------------------------------------------- helpers

	private void open(String code, String name, String type, String currency, String parent) {
		Response created = post("/v1/accounts", "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"type\":\"" + type
				+ "\"" + (currency == null ? "" : ",\"currency\":\"" + currency + "\"")
				+ (parent == null ? "" : ",\"parent_code\":\"" + parent + "\"") + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	/** Posts a two-leg transaction and answers "id@sequence". */
	private String transaction(String occurredAt, String description, boolean pending, String debit, String credit,
			String amount) {
		Response created = post("/v1/transactions", """
				{"idempotency_key": "%s", "occurred_at": "%s", "description": "%s", "status": "%s", "postings": [
				  {"account_code": "%s", "direction": "debit", "amount": "%s"},
				  {"account_code": "%s", "direction": "credit", "amount": "%s"}]}
				""".formatted(UUID.randomUUID(), occurredAt, description, pending ? "pending" : "posted", debit, amount,
				credit, amount));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().path("id").asString() + "@" + created.json().path("sequence").asLong();
	}

	private static String id(String transaction) {
		return transaction.split("@")[0];
	}

	private static long sequence(String transaction) {
		return Long.parseLong(transaction.split("@")[1]);
	}

	private static JsonNode json(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		return response.json();
	}

	private static void assertBalance(JsonNode answer, String posted, String pending, String available) {
		assertThat(answer.path("balance").path("posted").asString()).as("posted").isEqualTo(posted);
		assertThat(answer.path("balance").path("pending").asString()).as("pending").isEqualTo(pending);
		assertThat(answer.path("balance").path("available").asString()).as("available").isEqualTo(available);
	}

	private static List<String> entries(JsonNode statement) {
		List<String> lines = new ArrayList<>();
		for (JsonNode e : statement.path("entries")) {
			lines.add(e.path("transaction_id").asString() + "|" + e.path("occurred_at").asString() + "|"
					+ e.path("description").asString() + "|" + e.path("direction").asString() + "|"
					+ e.path("amount").asString() + "|" + e.path("running_balance").asString());
		}
		return lines;
	}

	private static List<String> trialLines(JsonNode currency) {
		List<String> lines = new ArrayList<>();
		for (JsonNode a : currency.path("accounts")) {
			lines.add(a.path("code").asString() + "|" + a.path("level").asInt() + "|" + a.path("debit").asString() + "|"
					+ a.path("credit").asString());
		}
		return lines;
	}

	private static List<String> sectionLines(JsonNode section) {
		List<String> lines = new ArrayList<>();
		for (JsonNode a : section.path("accounts")) {
			lines.add(a.path("code").asString() + "|" + a.path("level").asInt() + "|" + a.path("balance").asString());
		}
		return lines;
	}

	private Response getWith(String path, String key, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return send(request.build());
	}

	/** Logs in and answers the session cookie. */
	private String logIn(String email) {
		HttpResponse<String> response = raw(HttpRequest.newBuilder(uri("/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return sessionCookie(response);
	}

	/** A new user in a new organization of their own: a stranger to this test's ledger. */
	private String signUp() {
		HttpResponse<String> response = raw(HttpRequest.newBuilder(uri("/api/auth/signup"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"stranger-" + UUID.randomUUID()
					+ "@example.com\",\"password\":\"" + PASSWORD + "\",\"organization_name\":\"Elsewhere\"}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return sessionCookie(response);
	}

	private Response session(String cookie, String path) {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie).GET()
			.build());
	}

	private static String sessionCookie(HttpResponse<String> response) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.substring(0, header.indexOf(';'));
			if (pair.startsWith("laas_session=")) {
				return pair;
			}
		}
		throw new AssertionError("no session cookie in " + response.headers());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static Response send(HttpRequest request) {
		HttpResponse<String> r = raw(request);
		return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), false);
	}

	private static HttpResponse<String> raw(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("HTTP call failed: " + request.uri(), ex);
		}
	}

}
