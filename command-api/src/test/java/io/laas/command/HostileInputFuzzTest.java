package io.laas.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.laas.command.session.SessionTokens;
import io.laas.command.tenancy.Tenants;
import io.laas.events.EventSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of seeded hostile requests against every body-taking route of {@code /v1} and {@code /api} (read from
 * Spring's mappings, so a new route is fuzzed without touching this test) and query-string garbage against every
 * GET route: wrong types, 1e309, NaN, negative zero, 40-digit decimals, decimals in a JPY ledger, unicode, JSON
 * nested 100,000 deep, bodies above the size limit, invalid UTF-8, wrong content types, unknown fields such as
 * {@code balance}. Every answer must be below 500, every 4xx a complete problem+json, and a request that is not
 * answered 2xx must leave every write-side table as it was (checked after each request).
 *
 * <p>Rerun one sequence with {@code -Dlaas.fuzz.seed=<seed>} (printed at the start); {@code -Dlaas.fuzz.requests}
 * sets the count.
 */
class HostileInputFuzzTest extends ApiTestSupport {

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static final int REQUESTS = Integer.getInteger("laas.fuzz.requests", 2000);

	/** Above {@code laas.http.request-body-bytes-max} (2 MiB by default). */
	private static final int OVERSIZED_BYTES = 2 * 1024 * 1024 + 4096;

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	SessionTokens sessions;

	@Autowired
	DataSource dataSource;

	private Random random;

	private final Map<String, String> path = new LinkedHashMap<>();

	private String jpyKey;

	private SessionTokens.Issued session;

	private String ownerEmail;

	private int counter;

	record Route(String method, String pattern) {
	}

	/** One generated request, kept to print it when its answer breaks a rule. */
	record Fuzzed(String method, String pathAndQuery, String contentType, byte[] body, boolean chunked, String kind,
			String auth) {

		String describe() {
			String text = body == null ? "" : new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8);
			return method + " " + abbreviate(pathAndQuery, 300) + " [" + kind + ", " + contentType + ", "
					+ (body == null ? 0 : body.length) + " bytes] " + text;
		}

	}

	record Answer(int status, String contentType, String body) {
	}

	@Test
	void hostileRequests_neverAnswer5xx_alwaysAnswerProblemJson_andRefusalsWriteNothing() throws Exception {
		long seed = Long.getLong("laas.fuzz.seed", System.nanoTime());
		System.out.println("HostileInputFuzzTest seed " + seed + " (rerun: -Dlaas.fuzz.seed=" + seed + ")");
		random = new Random(seed);
		prepareTenant();
		List<Route> writes = new ArrayList<>();
		List<Route> reads = new ArrayList<>();
		for (Route route : routes()) {
			(route.method().equals("GET") ? reads : writes).add(route);
		}
		assertThat(writes).as("body-taking routes found in Spring's mappings").hasSizeGreaterThan(20);

		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<String, Integer> kinds = new TreeMap<>();
		Map<String, Long> millisBy = new TreeMap<>();
		long snapshotNanos = 0;
		int staleConnections = 0;
		Snapshot before = snapshot();
		long started = System.nanoTime();
		for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
			Fuzzed request = random.nextInt(100) < 80 ? bodyRequest(writes.get(random.nextInt(writes.size())))
					: queryRequest(reads.get(random.nextInt(reads.size())));
			long sentAt = System.nanoTime();
			Answer answer;
			try {
				answer = send(request);
			}
			catch (IOException ex) {
				answer = new Answer(-1, "", "no answer: " + ex);
			}
			if (answer.status() == -1 && answer.body().contains("received no bytes")) {
				// The client reused a kept-alive connection the server had just closed (after an earlier refusal): the
				// request never reached the server. Sent once more on a fresh connection; a second silence is a failure.
				staleConnections++;
				try {
					answer = send(request);
				}
				catch (IOException ex) {
					answer = new Answer(-1, "", "no answer on a fresh connection either: " + ex);
				}
			}
			statuses.merge(answer.status(), 1, Integer::sum);
			kinds.merge(request.kind(), 1, Integer::sum);
			String slowest = request.method() + " " + request.pathAndQuery().replaceAll("[0-9a-f-]{36}", "{id}").replaceAll("\\?.*", "") + " " + request.kind();
			millisBy.merge(slowest, (System.nanoTime() - sentAt) / 1_000_000, Long::sum);
			String broken = judge(answer);
			long snapshotAt = System.nanoTime();
			Snapshot after = snapshot();
			snapshotNanos += System.nanoTime() - snapshotAt;
			if (broken == null && (answer.status() < 200 || answer.status() > 299) && !after.equals(before)) {
				broken = "refused request changed the tables: " + before.difference(after);
			}
			if (broken != null) {
				failures.add("#" + i + " seed " + seed + ": " + broken + "\n   request: " + request.describe()
						+ "\n   answer: " + answer.status() + " " + answer.contentType() + " "
						+ abbreviate(answer.body(), 300));
			}
			before = after;
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.println("HostileInputFuzzTest: " + statuses.values().stream().mapToInt(Integer::intValue).sum()
				+ " requests in " + millis + " ms over " + writes.size() + " write and " + reads.size()
				+ " read routes; statuses " + statuses + "; kinds " + kinds + "; resent after a stale kept-alive "
				+ "connection: " + staleConnections);
		System.out.println("HostileInputFuzzTest: snapshots took " + snapshotNanos / 1_000_000 + " ms; slowest: "
				+ millisBy.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).toList());
		assertThat(failures).as("answers breaking the rules (seed " + seed + ")").isEmpty();
		// What was accepted must also be projectable: an event the projector cannot write (year 0 once was) would halt
		// its partition for every ledger on it. The fuzzed ledgers' projections catch up with their write side.
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(jdbc.queryForObject("select count(*) from ledgers l where l.last_sequence > "
					+ "coalesce((select p.last_sequence from read_model.ledger_progress p where p.ledger_id = l.id), 0) "
					+ "and l.org_id = ?", Long.class, ledger.orgId()))
				.as("fuzzed ledgers whose projection is behind their write side (seed " + seed + ")")
				.isZero());
		assertThat(statuses.keySet()).as("the fuzzer reached both refusals and successes").contains(400, 413);
		assertThat(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300)).isTrue();
	}

	@Test
	void bodyAboveTheLimit_is413ProblemJson_whetherDeclaredOrChunked_andWritesNothing() throws Exception {
		prepareTenant();
		Snapshot before = snapshot();
		String description = "x".repeat(OVERSIZED_BYTES);
		byte[] body = ("{\"code\":\"big\",\"type\":\"asset\",\"name\":\"" + description + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		for (boolean chunked : new boolean[] { false, true }) {
			Answer answer = send(new Fuzzed("POST", "/v1/accounts", "application/json", body, chunked, "oversized", "v1"));
			assertThat(answer.status()).as(answer.body()).isEqualTo(413);
			assertThat(judge(answer)).isNull();
			assertThat(EventSerde.mapper().readTree(answer.body()).path("code").asString()).isEqualTo("payload-too-large");
		}
		assertThat(snapshot()).isEqualTo(before);
		// Just below the limit still reaches validation (and is refused there for its overlong name).
		byte[] fits = ("{\"code\":\"big\",\"type\":\"asset\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		Answer answer = send(new Fuzzed("POST", "/v1/accounts", "application/json", fits, false, "large", "v1"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(EventSerde.mapper().readTree(answer.body()).path("code").asString()).isEqualTo("validation-failed");
	}

	/** Each refusal the fuzzer once found answered 5xx or HTML, pinned whatever the seed. */
	@Test
	void refusalsAtTheEdge_areProblemJson_andNeverReachTheDatabase() throws Exception {
		prepareTenant();
		Snapshot before = snapshot();
		String account = "{\"code\":\"edge\",\"type\":\"asset\"}";
		Map<Fuzzed, Integer> expected = new LinkedHashMap<>();
		expected.put(new Fuzzed("GET", "/v1/accounts?q=" + "a".repeat(10_000), "", null, false, "request line > 8 KiB", "v1"), 400);
		expected.put(new Fuzzed("GET", "/v1/accounts?q=%zz", "", null, false, "raw-query", "v1"), 400);
		expected.put(new Fuzzed("GET", "/v1/accounts?q=%ff%fe", "", null, false, "raw-query", "v1"), 400);
		expected.put(new Fuzzed("GET", "/v1/accounts?q=a%00b", "", null, false, "NUL in query", "v1"), 400);
		expected.put(new Fuzzed("POST", "/v1/accounts", "*/*", account.getBytes(StandardCharsets.UTF_8), false, "wildcard", "v1"), 415);
		expected.put(new Fuzzed("POST", "/v1/accounts", "application/json; charset=bogus", account.getBytes(StandardCharsets.UTF_8), false, "charset", "v1"), 415);
		expected.put(new Fuzzed("POST", "/v1/accounts", "application/json",
				"{\"code\":\"edge\",\"type\":\"asset\",\"name\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8), false, "NUL in body", "v1"), 400);
		expected.put(new Fuzzed("POST", "/v1/accounts", "application/json",
				"{\"code\":\"edge\",\"type\":\"asset\",\"metadata\":{\"a\\u0000\":\"b\"}}".getBytes(StandardCharsets.UTF_8), false, "NUL in key", "v1"), 400);
		expected.put(new Fuzzed("POST", "/api/projects", "application/json", ("{\"organization_id\":\"" + ledger.orgId()
				+ "\",\"name\":\"\\u0000\",\"code\":\"nul\"}").getBytes(StandardCharsets.UTF_8), false, "NUL in a name", "api"), 400);
		expected.put(new Fuzzed("POST", "/v1/accounts", "application/json", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8), false, "deep", "v1"), 400);
		expected.put(new Fuzzed("GET", "/api/ledgers/" + ledger.id() + "/webhook-deliveries?cursor=1234567890123456789012345678901234567890", "", null, false, "cursor that is no instant", "api"), 400);
		expected.put(new Fuzzed("GET", "/v1/accounts?cursor=YQBi", "", null, false, "cursor holding NUL", "v1"), 400);
		expected.put(new Fuzzed("GET", "/v1/transactions/" + path.get("transaction") + "?min_sequence=99999999", "", null, false, "future sequence", "v1"), 400);
		for (Map.Entry<Fuzzed, Integer> entry : expected.entrySet()) {
			Answer answer = send(entry.getKey());
			assertThat(answer.status()).as(entry.getKey().kind() + ": " + answer.body()).isEqualTo(entry.getValue());
			assertThat(judge(answer)).as(entry.getKey().kind()).isNull();
		}
		Answer malformed = send(new Fuzzed("GET", "/v1/accounts?q=%zz", "", null, false, "raw-query", "v1"));
		assertThat(EventSerde.mapper().readTree(malformed.body()).path("code").asString()).isEqualTo("malformed-query");
		assertThat(snapshot()).isEqualTo(before);
	}

	// --- the tenant the fuzzer works in ---

	private void prepareTenant() {
		RunningProjector.ensureStarted(); // reads answer from the read model rather than 503
		// The dispatcher's schema, as the dispatcher itself would create it: webhook reads then never answer 503.
		Flyway.configure()
			.dataSource(OwnerJdbc.get().getDataSource()) // the dispatcher migrates as the owner, as in production
			.locations("classpath:db/webhooks")
			.schemas("webhooks")
			.defaultSchema("webhooks")
			.load()
			.migrate();
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		Response pending = post("/v1/transactions", """
				{"status": "pending", "postings": [{"account_code": "cash", "direction": "debit", "amount": "5.00"},
				{"account_code": "revenue", "direction": "credit", "amount": "5.00"}]}""");
		assertThat(pending.status()).as(pending.body()).isEqualTo(201);
		Response endpoint = post("/v1/webhook-endpoints", "{\"url\":\"https://example.com/hook\"}");
		assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
		UUID owner = jdbc.queryForObject("select user_id from org_users where org_id = ?", UUID.class, ledger.orgId());
		ownerEmail = jdbc.queryForObject("select email from users where id = ?", String.class, owner);
		Tenants.Ledger jpy = tenants.createLedger(ledger.orgId(), ledger.projectId(), "Yen", "yen-" + counter++, "JPY");
		jpyKey = apiKeys.create(ledger.orgId(), jpy.id(), "jpy", false, null).rawKey();
		session = sessions.issue(owner, ownerEmail);
		path.put("ledgerId", ledger.id().toString());
		path.put("orgId", ledger.orgId().toString());
		path.put("userId", owner.toString());
		path.put("keyId", apiKeys.create(ledger.orgId(), ledger.id(), "to revoke", false, null).id().toString());
		path.put("transaction", pending.json().path("id").asString());
		path.put("endpoint", endpoint.json().path("id").asString());
		path.put("projectId", ledger.projectId().toString());
	}

	private Set<Route> routes() {
		Set<Route> routes = new LinkedHashSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/v1/") && !pattern.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					if (Set.of("GET", "POST", "PUT", "PATCH").contains(method.name())) {
						routes.add(new Route(method.name(), pattern));
					}
				}
			}
		}
		return routes;
	}

	// --- generating requests ---

	private Fuzzed bodyRequest(Route route) {
		String target = fill(route.pattern());
		Object template = template(route.pattern());
		int dice = random.nextInt(100);
		String contentType = "application/json";
		byte[] body;
		String kind;
		if (dice < 55) {
			Object mutated = deepCopy(template);
			int mutations = 1 + random.nextInt(3);
			for (int m = 0; m < mutations; m++) {
				mutated = mutate(mutated);
			}
			body = json(mutated).getBytes(StandardCharsets.UTF_8);
			kind = "mutated";
		}
		else if (dice < 65) {
			body = json(randomObject(3)).getBytes(StandardCharsets.UTF_8);
			kind = "random-object";
		}
		else if (dice < 70) {
			body = deepNesting();
			kind = "deep-nesting";
		}
		else if (dice < 72) {
			body = oversized(template);
			kind = "oversized";
			return new Fuzzed(route.method(), target, contentType, body, random.nextBoolean(), kind, auth(target));
		}
		else if (dice < 78) {
			body = invalidUtf8(json(template));
			kind = "invalid-utf8";
		}
		else if (dice < 86) {
			contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
					"multipart/form-data; boundary=xyz", "", "application/json; charset=bogus-charset",
					"application/json; charset=ISO-8859-1", "application/merge-patch+json", "*/*", "application/",
					"application/json;;;", "image/png"));
			body = (random.nextBoolean() ? json(template) : "a=b&balance=10").getBytes(StandardCharsets.UTF_8);
			kind = "content-type";
		}
		else {
			body = malformed(json(template)).getBytes(StandardCharsets.UTF_8);
			kind = "malformed";
		}
		return new Fuzzed(route.method(), target, contentType, body, false, kind, auth(target));
	}

	private Fuzzed queryRequest(Route route) {
		String target = fill(route.pattern());
		List<String> names = List.of("from", "to", "as_of", "min_sequence", "limit", "cursor", "format", "status",
				"endpoint_id", "org_id", "type", "currency", "parent", "q", "balance", "ledger_id");
		StringBuilder query = new StringBuilder();
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			String value = random.nextInt(12) == 0 ? "a\u0000b" : unquote(hostileValue());
			query.append(i == 0 ? '?' : '&').append(pick(names)).append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
		if (random.nextInt(8) == 0) {
			// What java.net.URI refuses to carry: raw invalid percent-encoding and bytes, over a plain socket.
			String raw = pick(List.of("%zz", "%", "%ff%fe", "%c0%af", "%00", "%e2%82", "a%2", "%u0041"));
			return new Fuzzed("GET", target + "?" + pick(names) + "=" + raw, "", null, false, "raw-query", auth(target));
		}
		return new Fuzzed("GET", target + query, "", null, false, "query", auth(target));
	}

	private String auth(String target) {
		if (target.startsWith("/v1/")) {
			return random.nextInt(4) == 0 ? "v1-jpy" : "v1";
		}
		return "api";
	}

	private String fill(String pattern) {
		Matcher matcher = VARIABLE.matcher(pattern);
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String value;
			if (random.nextInt(12) == 0) {
				value = pick(List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString(),
						"%F0%9F%92%A5", "..", "-1", "9".repeat(60), "%20"));
			}
			else if (name.equals("id")) {
				value = pattern.contains("webhook-endpoints") ? path.get("endpoint")
						: pattern.contains("transactions") ? path.get("transaction") : UUID.randomUUID().toString();
			}
			else if (name.equals("code")) {
				value = pick(List.of("cash", "revenue", "missing"));
			}
			else if (name.equals("action")) {
				value = pick(List.of("post", "void", "reverse", "explode"));
			}
			else {
				value = path.getOrDefault(name, UUID.randomUUID().toString());
			}
			matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(filled);
		return filled.toString();
	}

	/** A valid body for the route where one is known (so mutations reach deep validation), else a small object. */
	private Object template(String pattern) {
		int n = counter++;
		Map<String, Object> posting1 = map("account_code", "cash", "direction", "debit", "amount", "1.00", "currency",
				"USD");
		Map<String, Object> posting2 = map("account_code", "revenue", "direction", "credit", "amount", "1.00");
		Map<String, Object> transaction = map("idempotency_key", "fz-" + n + "-" + random.nextInt(), "external_id",
				"ext-" + n, "occurred_at", "2026-01-02T03:04:05Z", "description", "Sale", "metadata", map("order", "42"),
				"status", "posted", "postings", new ArrayList<>(List.of(posting1, posting2)));
		if (pattern.endsWith("/transaction-batches")) {
			return map("idempotency_key", "fzb-" + n + "-" + random.nextInt(), "mode", "atomic", "transactions",
					new ArrayList<>(List.of(transaction, deepCopy(transaction))));
		}
		if (pattern.endsWith("/transactions")) {
			return transaction;
		}
		if (pattern.endsWith("/post")) {
			return map("idempotency_key", "fzp-" + n, "amounts", new ArrayList<>(List.of("1.00", "1.00")));
		}
		if (pattern.endsWith("/void")) {
			return map("idempotency_key", "fzv-" + n);
		}
		if (pattern.endsWith("/reverse")) {
			return map("idempotency_key", "fzr-" + n, "description", "undo", "metadata", map());
		}
		if (pattern.endsWith("/accounts")) {
			return map("code", "fz-" + n, "name", "Fuzz " + n, "type", "asset", "currency", "USD", "parent_code", "cash",
					"flags", new ArrayList<>(List.of("debits_must_not_exceed_credits")), "metadata", map("k", "v"));
		}
		if (pattern.endsWith("/accounts/{code}")) {
			return map("name", "Renamed " + n, "metadata", map("k", "v"));
		}
		if (pattern.endsWith("/webhook-endpoints") || pattern.endsWith("/webhook-endpoints/{id}")) {
			return map("url", "https://example.com/hook/" + n, "description", "d", "event_types",
					new ArrayList<>(List.of("transaction.posted")), "enabled", Boolean.TRUE);
		}
		if (pattern.endsWith("/redeliver")) {
			return map("from", "2026-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z", "status", "failed");
		}
		if (pattern.equals("/api/projects")) {
			return map("organization_id", path.get("orgId"), "name", "P " + n, "code", "fzp-" + n);
		}
		if (pattern.equals("/api/ledgers")) {
			return map("project_id", path.get("projectId"), "name", "L " + n, "code", "fzl-" + n, "currency", "EUR");
		}
		if (pattern.endsWith("/api-keys")) {
			return map("description", "fuzz", "scope", "read_only", "expires_at", "2030-01-01T00:00:00Z");
		}
		if (pattern.endsWith("/members")) {
			return map("email", "member-" + n + "@example.com", "role", "developer");
		}
		if (pattern.endsWith("/members/{userId}")) {
			return map("role", "developer");
		}
		if (pattern.endsWith("/signup")) {
			return map("email", "fz-" + n + "-" + random.nextInt(1_000_000) + "@example.com", "password",
					"long enough password", "organization_name", "Fuzz Org");
		}
		if (pattern.endsWith("/login")) {
			return map("email", random.nextBoolean() ? ownerEmail : "nobody-" + n + "@example.com", "password",
					"not the password");
		}
		return map();
	}

	/** Replaces a leaf with a hostile value, drops a field, adds an unknown one, or swaps a container's shape. */
	@SuppressWarnings("unchecked")
	private Object mutate(Object node) {
		if (node instanceof Map<?, ?> raw && !raw.isEmpty() && random.nextInt(4) != 0) {
			Map<String, Object> object = (Map<String, Object>) raw;
			List<String> keys = new ArrayList<>(object.keySet());
			String key = pick(keys);
			switch (random.nextInt(5)) {
				case 0:
					object.remove(key);
					return object;
				case 1:
					object.put(pick(List.of("balance", "ledger_id", "id", "sequence", "org_id", "version", "posted",
							"__proto__", "", "\uD83D\uDCA5", key.toUpperCase(), key + " ", "debits_posted")), hostileValue());
					return object;
				default:
					object.put(key, mutate(object.get(key)));
					return object;
			}
		}
		if (node instanceof List<?> raw && !raw.isEmpty() && random.nextInt(4) != 0) {
			List<Object> list = (List<Object>) raw;
			int index = random.nextInt(list.size());
			switch (random.nextInt(5)) {
				case 0:
					list.remove(index);
					return list;
				case 1:
					int copies = pick(List.of(1, 101, 1001));
					for (int i = 0; i < copies; i++) {
						list.add(deepCopy(list.get(index % list.size())));
					}
					return list;
				default:
					list.set(index, mutate(list.get(index)));
					return list;
			}
		}
		return new Raw(hostileValue());
	}

	/** JSON text of a value that breaks some rule: wrong type, out of range, unparseable, or unicode trouble. */
	private String hostileValue() {
		switch (random.nextInt(6)) {
			case 0:
				return pick(List.of("1e309", "-1e309", "NaN", "-Infinity", "Infinity", "-0", "-0.0", "0", "1",
						"1234567890123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
						"0.1", "10.5", "1E+2", "-1", "1" + "0".repeat(1500), "0." + "0".repeat(1200) + "1"));
			case 1:
				return quote(pick(List.of("1e309", "NaN", "Infinity", "-0", "-0.00", "0", "0.00", "-1.00",
						"1234567890123456789012345678901234567890", "1234567890123456789012345678901234567890.12",
						"0.0000000000000000000000000000000000000001", "10.5", "1.001", "1e3", "0x10", " 1.00",
						"1,00", "\u0661\u0662\u0663", "\uFF11\uFF12", "1.00 USD", "+1.00", ".5", "5.", "1_000",
						"99999999999999999999.99")));
			case 2:
				return pick(List.of("true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":{}}", "[null]", "[\"x\"]",
						"{\"\":null}"));
			case 3:
				return quote(pick(List.of("", "   ", "\u0000", "\uD83D\uDCA5\u202Eevil", "\u00e9t\u00e9",
						"\uFEFFusd", "USD", "usd", "XXX", "JPY", "debit", "credit", "pending", "posted", "atomic",
						"independent", "owner", "admin", "read_write", "' or 1=1 --", "../../etc/passwd",
						"<script>alert(1)</script>", "javascript:alert(1)", "file:///etc/passwd",
						"http://169.254.169.254/latest/meta-data", "https://[::1]/x", "2026-13-45T99:99:99Z",
						"0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-01-01", "1700000000",
						UUID.randomUUID().toString(), "transaction.posted", "*")));
			case 4:
				return quote(pick(List.of("a", "\uD83D\uDCA5", "\u0627", "x\u0301")).repeat(pick(List.of(65, 257, 1025,
						70_000))));
			default:
				// JSON escapes that decode to lone surrogates and control characters.
				return pick(List.of("\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\\u0001\\u001f\"", "\"\\\"\"",
						"\"\\/\\b\\f\\n\\r\\t\""));
		}
	}

	private Object randomObject(int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		List<String> names = List.of("postings", "amount", "account_code", "direction", "idempotency_key", "code",
				"name", "type", "currency", "url", "event_types", "enabled", "description", "metadata", "email",
				"password", "organization_name", "role", "project_id", "organization_id", "status", "from", "to",
				"balance", "ledger_id", "transactions", "mode", "external_id", "occurred_at", "expires_at", "scope",
				"flags", "parent_code", "amounts");
		int fields = random.nextInt(6);
		for (int i = 0; i < fields; i++) {
			object.put(pick(names), depth > 0 && random.nextInt(4) == 0 ? randomObject(depth - 1) : new Raw(hostileValue()));
		}
		return object;
	}

	private byte[] deepNesting() {
		int depth = pick(List.of(600, 2_000, 100_000));
		switch (random.nextInt(3)) {
			case 0:
				return "[".repeat(depth).getBytes(StandardCharsets.UTF_8);
			case 1:
				return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
			default:
				return ("{\"metadata\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
		}
	}

	private static byte[] oversized(Object template) {
		String text = json(template);
		String padded = text.startsWith("{") && text.length() > 2
				? "{\"description\":\"" + "x".repeat(OVERSIZED_BYTES) + "\"," + text.substring(1)
				: "[\"" + "x".repeat(OVERSIZED_BYTES) + "\"]";
		return padded.getBytes(StandardCharsets.UTF_8);
	}

	private byte[] invalidUtf8(String text) {
		byte[] bad = pick(List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xFF },
				new byte[] { (byte) 0xC0, (byte) 0xAF }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
				new byte[] { (byte) 0xE2, (byte) 0x82 }, new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80 }));
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		int quote = text.indexOf("\":\"");
		int at = quote < 0 ? random.nextInt(utf8.length + 1) : text.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8).length;
		byte[] body = new byte[utf8.length + bad.length];
		System.arraycopy(utf8, 0, body, 0, at);
		System.arraycopy(bad, 0, body, at, bad.length);
		System.arraycopy(utf8, at, body, at + bad.length, utf8.length - at);
		return body;
	}

	private String malformed(String text) {
		switch (random.nextInt(10)) {
			case 0:
				return "";
			case 1:
				return pick(List.of("null", "[]", "\"text\"", "123", "true", "NaN"));
			case 2:
				return text.substring(0, random.nextInt(Math.max(1, text.length())));
			case 3:
				return text + pick(List.of("}", " {}", " garbage", "\u0000", ",", "]"));
			case 4:
				return "\uFEFF" + text;
			case 5:
				return text.replace('"', '\'');
			case 6:
				return text.startsWith("{\"") ? "{/* comment */" + text.substring(1) : "//\n" + text;
			case 7:
				return text.startsWith("{\"") && text.length() > 2 ? "{\"balance\":1,\"balance\":2," + text.substring(1) : "{,}";
			case 8:
				return text.replace(":", ":  \t\r\n ").replace(",", ",,");
			default:
				return "[" + text + "," + text + "]";
		}
	}

	// --- sending and judging ---

	private Answer send(Fuzzed request) throws Exception {
		if (request.kind().equals("raw-query") || request.pathAndQuery().contains("%zz")) {
			return sendRaw(request);
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.pathAndQuery()))
			.timeout(Duration.ofSeconds(60));
		if (!request.contentType().isEmpty()) {
			builder.header("Content-Type", request.contentType());
		}
		if (request.body() == null) {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		else if (request.chunked()) {
			byte[] bytes = request.body();
			builder.method(request.method(), HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
		}
		authenticate(request.auth()).forEach(builder::header);
		HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	private Map<String, String> authenticate(String auth) {
		switch (auth) {
			case "v1":
				return Map.of("Authorization", "Bearer " + apiKey);
			case "v1-jpy":
				return Map.of("Authorization", "Bearer " + jpyKey);
			default:
				return Map.of("Cookie", "laas_session=" + session.jwt() + "; XSRF-TOKEN=" + session.xsrfToken(),
						"X-XSRF-TOKEN", session.xsrfToken());
		}
	}

	private Answer sendRaw(Fuzzed request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder().append(request.method()).append(' ').append(request.pathAndQuery())
				.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
			authenticate(request.auth()).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			int split = text.indexOf("\r\n\r\n");
			String headers = text.substring(0, split);
			String contentType = Arrays.stream(headers.split("\r\n"))
				.filter(h -> h.toLowerCase().startsWith("content-type:"))
				.map(h -> h.substring(h.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("");
			String body = text.substring(split + 4);
			if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
				body = dechunk(body);
			}
			return new Answer(status, contentType, body);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int end = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, end).trim(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, end + 2, end + 2 + size);
			at = end + 2 + size + 2;
		}
		return body.toString();
	}

	/** Null when the answer keeps the rules, else what it broke. */
	static String judge(Answer answer) {
		if (answer.status() < 0) {
			return "connection closed without an answer";
		}
		if (answer.status() >= 500) {
			return "5xx answer";
		}
		if (answer.status() < 400) {
			return null;
		}
		if (!answer.contentType().startsWith("application/problem+json")) {
			return "4xx without application/problem+json";
		}
		JsonNode problem;
		try {
			problem = EventSerde.mapper().readTree(answer.body());
		}
		catch (RuntimeException ex) {
			return "4xx body is not JSON";
		}
		if (!problem.isObject() || !problem.path("type").isString() || !problem.path("title").isString()
				|| problem.path("status").asInt() != answer.status() || !problem.path("detail").isString()
				|| problem.path("detail").asString().isBlank()) {
			return "problem+json without type, title, status or detail";
		}
		return null;
	}

	// --- what a refused request must not change ---

	/** Row counts of every write-side table, plus fingerprints of the rows an update could change. */
	record Snapshot(Map<String, Object> values) {

		String difference(Snapshot after) {
			List<String> changed = new ArrayList<>();
			values.forEach((name, value) -> {
				if (!String.valueOf(value).equals(String.valueOf(after.values().get(name)))) {
					changed.add(name + ": " + value + " -> " + after.values().get(name));
				}
			});
			return String.join(", ", changed);
		}

	}

	private Snapshot snapshot() {
		String tenantLedgers = "(select id from ledgers where org_id = '" + ledger.orgId() + "')";
		Map<String, Object> values = jdbc.queryForMap("select "
				+ "(select count(*) from accounts where ledger_id in " + tenantLedgers + ") as accounts, "
				+ "(select md5(coalesce(string_agg(code || name || metadata::text || version || debits_posted || credits_posted, ',' order by id), '')) from accounts where ledger_id in " + tenantLedgers + ") as account_rows, "
				+ "(select count(*) from transactions where ledger_id in " + tenantLedgers + ") as transactions, "
				+ "(select md5(coalesce(string_agg(id || case when status = 'expired' then 'pending' else status end, ',' order by id), '')) from transactions where ledger_id in " + tenantLedgers + ") as transaction_rows, "
				+ "(select count(*) from events where ledger_id in " + tenantLedgers + ") as events, "
				+ "(select coalesce(sum(last_sequence), 0) from ledgers where org_id = '" + ledger.orgId() + "') as sequences, "
				+ "(select count(*) from idempotency_records where ledger_id in " + tenantLedgers + ") as idempotency_records, "
				+ "(select count(*) from webhook_endpoints where ledger_id in " + tenantLedgers + ") as webhook_endpoints, "
				+ "(select md5(coalesce(string_agg(url || description || enabled || secret || array_to_string(event_types, ' '), ',' order by id), '')) from webhook_endpoints where ledger_id in " + tenantLedgers + ") as webhook_endpoint_rows, "
				+ "(select count(*) from api_keys) as api_keys, "
				+ "(select count(*) from api_keys where revoked_at is not null) as revoked_api_keys, "
				+ "(select count(*) from users) as users, "
				+ "(select count(*) from organizations) as organizations, "
				+ "(select count(*) from org_users) as org_users, "
				+ "(select md5(coalesce(string_agg(user_id || role, ',' order by user_id), '')) from org_users where org_id = '" + ledger.orgId() + "') as member_rows, "
				+ "(select count(*) from projects) as projects, "
				+ "(select count(*) from ledgers) as ledgers, "
				// A refused log-in is audited on purpose; every other audit row comes with a write.
				+ "(select count(*) from audit_log where action <> 'login.failed') as audit_log");
		return new Snapshot(new TreeMap<>(values));
	}

	// --- a tiny JSON writer that can also emit the raw tokens Jackson would never write (NaN, 1e309, ...) ---

	record Raw(String json) {
	}

	static String json(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value);
		return out.toString();
	}

	private static void write(StringBuilder out, Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Raw raw) {
			out.append(raw.json());
		}
		else if (value instanceof String text) {
			out.append(quote(text));
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : ",").append(quote(String.valueOf(entry.getKey()))).append(':');
				write(out, entry.getValue());
				first = false;
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ",");
				write(out, list.get(i));
			}
			out.append(']');
		}
		else {
			out.append(value);
		}
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static String unquote(String json) {
		return json.startsWith("\"") && json.endsWith("\"") && json.length() >= 2 ? json.substring(1, json.length() - 1)
				: json;
	}

	@SuppressWarnings("unchecked")
	private static Object deepCopy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach(v -> copy.add(deepCopy(v)));
			return copy;
		}
		return value;
	}

	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private <T> T pick(List<T> options) {
		return options.get(random.nextInt(options.size()));
	}

	private static String abbreviate(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
	}

}
