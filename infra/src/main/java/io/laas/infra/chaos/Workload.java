package io.laas.infra.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeded workload. Every request (body, idempotency key, external id) is derived from the seed and the worker's
 * own {@link Random}, so a seed replays the same request stream; which of them the stack accepts may differ (the
 * no-overdraft accounts see the workers' transfers interleave differently from run to run).
 */
final class Workload {

	/** An account the workload opened; wallets carry the no-overdraft flag and are only debited by spends. */
	record Account(String code, String type, String currency, boolean wallet) {
	}

	private static final String[] CURRENCIES = { "USD", "EUR" };

	private final Api api;

	private final ClientLog log;

	private final long seed;

	private final String prefix;

	private final List<Account> accounts = new ArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	final AtomicLong done = new AtomicLong();

	final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

	Workload(Api api, ClientLog log, long seed) {
		this.api = api;
		this.log = log;
		this.seed = seed;
		this.prefix = "chaos-s" + Long.toUnsignedString(seed, 36);
	}

	String prefix() {
		return this.prefix;
	}

	/** Opens the accounts one by one (retried like everything else); they must all be accepted. */
	void openAccounts(int count) {
		Random random = new Random(this.seed);
		for (int i = 0; i < count; i++) {
			String currency = CURRENCIES[i % 4 == 3 ? 1 : 0];
			int role = i % 3;
			boolean wallet = role == 1 && currency.equals("USD");
			String type = wallet ? "liability" : (role == 2 ? "revenue" : "asset");
			String code = this.prefix + "-" + type.charAt(0) + i;
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("code", code);
			body.put("name", "chaos " + type + " " + i + " (seed " + this.seed + ")");
			body.put("type", type);
			body.put("currency", currency);
			if (wallet) {
				body.put("flags", List.of("debits_must_not_exceed_credits"));
			}
			String key = code + "-open-" + random.nextInt(1_000_000);
			Api.Answer answer = this.api.post("/v1/accounts", write(body), key);
			this.log.add(new ClientLog.Entry(key, "account", true, answer.status(), answer.attempts(), List.of(),
					List.of(), problem(answer)));
			if (!answer.ok()) {
				throw new IllegalStateException("could not open account " + code + ": " + answer.status() + " "
						+ answer.body());
			}
			this.accounts.add(new Account(code, type, currency, wallet));
		}
	}

	/** Runs the workers until each did its share of {@code transactions} and {@code stop} says the faults are over. */
	void run(int transactions, int workers, int pauseMsMax, BooleanSupplier faultsOver) {
		List<Thread> threads = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			int share = transactions / workers + (w < transactions % workers ? 1 : 0);
			Worker worker = new Worker(w, share, pauseMsMax, faultsOver);
			Thread thread = new Thread(worker, "chaos-worker-" + w);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private final class Worker implements Runnable {

		private final int index;

		private final int share;

		private final int pauseMsMax;

		private final BooleanSupplier faultsOver;

		private final Random random;

		private final List<String> pendings = new ArrayList<>();

		private final List<String> posted = new ArrayList<>();

		private int n;

		Worker(int index, int share, int pauseMsMax, BooleanSupplier faultsOver) {
			this.index = index;
			this.share = share;
			this.pauseMsMax = pauseMsMax;
			this.faultsOver = faultsOver;
			this.random = new Random(Workload.this.seed * 1_000_003L + index);
		}

		@Override
		public void run() {
			while ((this.n < this.share || !this.faultsOver.getAsBoolean()) && !Thread.currentThread().isInterrupted()) {
				try {
					step();
				}
				catch (RuntimeException ex) {
					Workload.this.errors.add("worker " + this.index + " stopped at request " + this.n + ": " + ex);
					return;
				}
				this.n++;
				Workload.this.done.incrementAndGet();
				if (this.pauseMsMax > 0) {
					Pause.millis(this.random.nextInt(this.pauseMsMax + 1));
				}
			}
		}

		private String key() {
			return Workload.this.prefix + "-w" + this.index + "-" + this.n;
		}

		private void step() {
			double p = this.random.nextDouble();
			String key = key();
			if (p < 0.42) {
				transfer(key, "posted", "post");
			}
			else if (p < 0.52) {
				Account from = pick(a -> !a.wallet() && a.currency().equals("USD") && a.type().equals("asset"));
				Account wallet = pick(Account::wallet);
				String amount = amount(20_000);
				single(key, "fund", "posted", List.of(line(from, "debit", amount), line(wallet, "credit", amount)),
						true);
			}
			else if (p < 0.60) {
				Account wallet = pick(Account::wallet);
				Account to = pick(a -> !a.wallet() && a.currency().equals("USD") && a.type().equals("revenue"));
				String amount = amount(30_000);
				single(key, "spend", "posted", List.of(line(wallet, "debit", amount), line(to, "credit", amount)),
						true);
			}
			else if (p < 0.72) {
				transfer(key, "pending", "pending");
			}
			else if (p < 0.84 && !this.pendings.isEmpty()) {
				String id = this.pendings.remove(this.random.nextInt(this.pendings.size()));
				boolean post = this.random.nextInt(3) > 0;
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("idempotency_key", key);
				Api.Answer answer = Workload.this.api.post("/v1/transactions/" + id + (post ? "/post" : "/void"),
						write(body), null);
				record(key, post ? "post-pending" : "void", true, answer, List.of());
				if (post && answer.ok()) {
					this.posted.add(id);
				}
			}
			else if (p < 0.90 && !this.posted.isEmpty()) {
				String id = this.posted.remove(this.random.nextInt(this.posted.size()));
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("idempotency_key", key);
				body.put("description", "chaos reversal");
				Api.Answer answer = Workload.this.api.post("/v1/transactions/" + id + "/reverse", write(body), null);
				record(key, "reverse", true, answer, List.of());
			}
			else if (p < 0.94) {
				batch(key);
			}
			else {
				invalid(key);
			}
		}

		private void transfer(String key, String status, String kind) {
			String currency = CURRENCIES[this.random.nextInt(CURRENCIES.length)];
			Account a = pick(x -> !x.wallet() && x.currency().equals(currency));
			Account b = pick(x -> !x.wallet() && x.currency().equals(currency) && !x.code().equals(a.code()));
			String amount = amount(50_000);
			single(key, kind, status, List.of(line(a, "debit", amount), line(b, "credit", amount)), true);
		}

		private void batch(String key) {
			int items = 2 + this.random.nextInt(2);
			List<Object> transactions = new ArrayList<>();
			List<String> externalIds = new ArrayList<>();
			for (int i = 0; i < items; i++) {
				String currency = CURRENCIES[this.random.nextInt(CURRENCIES.length)];
				Account a = pick(x -> !x.wallet() && x.currency().equals(currency));
				Account b = pick(x -> !x.wallet() && x.currency().equals(currency) && !x.code().equals(a.code()));
				String amount = amount(50_000);
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("external_id", key + "-i" + i);
				item.put("description", "chaos batch item");
				item.put("postings", List.of(line(a, "debit", amount), line(b, "credit", amount)));
				transactions.add(item);
				externalIds.add(key + "-i" + i);
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("idempotency_key", key);
			body.put("mode", "atomic");
			body.put("transactions", transactions);
			Api.Answer answer = Workload.this.api.post("/v1/transaction-batches", write(body), null);
			record(key, "batch", true, answer, externalIds);
		}

		/** Requests the stack must refuse with a 4xx, leaving no trace. */
		private void invalid(String key) {
			int kind = this.random.nextInt(5);
			Account a = pick(x -> !x.wallet() && x.currency().equals("USD"));
			Account b = pick(x -> !x.wallet() && x.currency().equals("USD") && !x.code().equals(a.code()));
			if (kind == 4) {
				UUID absent = new UUID(this.random.nextLong(), this.random.nextLong());
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("idempotency_key", key);
				Api.Answer answer = Workload.this.api.post("/v1/transactions/" + absent + "/reverse", write(body),
						null);
				record(key, "invalid", false, answer, List.of());
				return;
			}
			List<Object> lines = switch (kind) {
				case 0 -> List.of(line(a, "debit", "10.00"), line(b, "credit", "9.99"));
				case 1 -> List.of(line(a, "debit", "10.00"),
						Map.of("account_code", Workload.this.prefix + "-absent", "direction", "credit", "amount",
								"10.00"));
				case 2 -> List.of(line(a, "debit", "10.005"), line(b, "credit", "10.005"));
				default -> List.of(line(a, "debit", "-5.00"), line(b, "credit", "-5.00"));
			};
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("idempotency_key", key);
			body.put("external_id", key);
			body.put("description", "chaos invalid #" + kind);
			body.put("postings", lines);
			Api.Answer answer = Workload.this.api.post("/v1/transactions", write(body), null);
			record(key, "invalid", false, answer, List.of(key));
		}

		private void single(String key, String kind, String status, List<Object> lines, boolean valid) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("idempotency_key", key);
			body.put("external_id", key);
			body.put("description", "chaos " + kind);
			if (!"posted".equals(status)) {
				body.put("status", status);
			}
			body.put("postings", lines);
			Api.Answer answer = Workload.this.api.post("/v1/transactions", write(body), null);
			List<ClientLog.Recorded> recorded = record(key, kind, valid, answer, List.of(key));
			if (answer.ok() && !recorded.isEmpty()) {
				if ("pending".equals(status)) {
					this.pendings.add(recorded.get(0).id());
				}
				else {
					this.posted.add(recorded.get(0).id());
				}
			}
		}

		private Map<String, Object> line(Account account, String direction, String amount) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("account_code", account.code());
			line.put("direction", direction);
			line.put("amount", amount);
			line.put("currency", account.currency());
			return line;
		}

		private String amount(int centsMax) {
			int cents = 1 + this.random.nextInt(centsMax);
			return (cents / 100) + "." + String.format("%02d", cents % 100);
		}

		private Account pick(java.util.function.Predicate<Account> filter) {
			List<Account> candidates = Workload.this.accounts.stream().filter(filter).toList();
			return candidates.get(this.random.nextInt(candidates.size()));
		}

	}

	private List<ClientLog.Recorded> record(String key, String kind, boolean valid, Api.Answer answer,
			List<String> externalIds) {
		List<ClientLog.Recorded> recorded = new ArrayList<>();
		if (answer.ok()) {
			JsonNode node = this.json.readTree(answer.body());
			if (node.has("transactions")) {
				for (JsonNode t : node.get("transactions")) {
					recorded.add(new ClientLog.Recorded(t.get("id").asString(), t.get("sequence").asLong()));
				}
			}
			else {
				recorded.add(new ClientLog.Recorded(node.get("id").asString(), node.get("sequence").asLong()));
			}
		}
		this.log.add(new ClientLog.Entry(key, kind, valid, answer.status(), answer.attempts(), recorded, externalIds,
				problem(answer)));
		return recorded;
	}

	private static String problem(Api.Answer answer) {
		if (answer.ok() || answer.body() == null) {
			return null;
		}
		return answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body();
	}

	private String write(Object body) {
		return this.json.writeValueAsString(body);
	}

}
