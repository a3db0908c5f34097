import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Load generator of {@code ./laas bench}: drives LaaS over real HTTP from its own JVM. JDK only (Java 17), run
 * with {@code java scripts/bench/LoadGenerator.java COMMAND [--option value]...}; reads {@code LAAS_URL} and
 * {@code LAAS_API_KEY} from the environment. Every figure is printed for people and appended as {@code key=value}
 * to the {@code --out} file for scripts/bench.sh.
 *
 * <pre>
 * accounts --count 1000                          opens asset accounts acc-0000.. (409 already-exists is fine)
 * closed   --workers N --pattern uniform|hot      closed loop: N workers, each posts, waits, posts again
 * open     --rate R --workers N                   open loop: request i is due at start + i/R; latency counts from
 *          [--track-every K] [--webhook]           the due time, so a stalled server cannot hide its queue
 *          [--burst-seconds S --burst-workers N]   (no coordinated omission)
 * common:  --warmup S --seconds S --accounts 1000 --label NAME --out FILE --client jdk|raw
 * </pre>
 *
 * Latencies are System.nanoTime differences kept in plain long arrays (one per worker) and sorted at the end.
 */
public final class LoadGenerator {

	private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([0-9a-f-]{36})\"");

	private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

	private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern EVENT_TYPE = Pattern.compile("\"event_type\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern RECORDED_AT = Pattern.compile("\"recorded_at\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern AGGREGATE_ID = Pattern.compile("\"aggregate_id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final int CLIENTS_PER_WORKERS = 32;

	private final String baseUrl;

	private final String apiKey;

	private final Options options;

	private final PrintStream out = System.out;

	/** Every answer that was not the expected one, by "status code" or exception class, with one body. */
	private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();

	private final Map<String, String> unexpectedSample = new ConcurrentHashMap<>();

	/** 201 answers to POST /v1/transactions over the whole run (warm-up included): the events it must produce. */
	private final LongAdder acceptedTotal = new LongAdder();

	private HttpClient[] clients;

	private LoadGenerator(String baseUrl, String apiKey, Options options) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("usage: LoadGenerator accounts|closed|open [--option value]... (see the class comment)");
			System.exit(2);
		}
		Options options = Options.parse(args);
		String url = System.getenv("LAAS_URL");
		String key = System.getenv("LAAS_API_KEY");
		if (url == null || key == null) {
			System.err.println("LAAS_URL and LAAS_API_KEY must be set (source <home>/dev.env)");
			System.exit(2);
		}
		LoadGenerator generator = new LoadGenerator(url, key, options);
		int exit;
		switch (args[0]) {
			case "accounts" -> exit = generator.openAccounts();
			case "closed" -> exit = generator.closedLoop();
			case "open" -> exit = generator.openLoop();
			default -> {
				System.err.println("unknown command " + args[0]);
				exit = 2;
			}
		}
		System.exit(exit);
	}

	// --- commands ---

	private int openAccounts() throws InterruptedException {
		int count = options.getInt("count", 1000);
		int threads = options.getInt("workers", 16);
		makeClients(threads);
		LongAdder created = new LongAdder();
		LongAdder existed = new LongAdder();
		AtomicLong next = new AtomicLong();
		long start = System.nanoTime();
		runWorkers(threads, (worker) -> {
			HttpClient client = clientOf(worker);
			for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
				String code = accountCode((int) i);
				Answer answer = send(client, post("/v1/accounts",
						"{\"code\":\"" + code + "\",\"name\":\"Bench " + code + "\",\"type\":\"asset\"}"));
				if (answer.status == 201) {
					created.increment();
				}
				else if (answer.status == 409 && "account-already-exists".equals(answer.problemCode())) {
					existed.increment();
				}
				else {
					noteUnexpected(answer);
				}
			}
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		out.printf(Locale.ROOT, "accounts: %d created, %d already existed, in %.1f s%n", created.sum(), existed.sum(),
				seconds);
		printUnexpected("accounts");
		return unexpected.isEmpty() ? 0 : 1;
	}

	private int closedLoop() throws InterruptedException, IOException {
		String label = options.get("label", "closed");
		int workers = options.getInt("workers", 64);
		Workload workload = Workload.of(options.get("pattern", "uniform"), options.getInt("accounts", 1000));
		long warmupNanos = secondsToNanos(options.getDouble("warmup", 5));
		long measureNanos = secondsToNanos(options.getDouble("seconds", 15));
		makeClients(workers);
		long start = System.nanoTime();
		long windowStart = start + warmupNanos;
		long end = windowStart + measureNanos;
		LongList[] latencies = new LongList[workers];
		LongAdder okInWindow = new LongAdder();
		long cpuBefore = cpuNanos();
		long[] cpuAtWindowStart = new long[1];
		Thread cpuMark = markCpuAt(windowStart, cpuAtWindowStart);
		out.printf(Locale.ROOT, "%s: closed loop, %d workers, %s, %.0f s warm-up + %.0f s measured%n", label, workers,
				workload.describe(), warmupNanos / 1e9, measureNanos / 1e9);
		runWorkers(workers, (worker) -> {
			Poster poster = poster(worker);
			LongList mine = new LongList();
			latencies[worker] = mine;
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (true) {
				long sent = System.nanoTime();
				if (sent >= end) {
					break;
				}
				Answer answer = poster.post("/v1/transactions", workload.body(random));
				long done = System.nanoTime();
				if (answer.status == 201) {
					acceptedTotal.increment();
					if (sent >= windowStart && done <= end) {
						mine.add(done - sent);
					}
					if (done >= windowStart && done <= end) {
						okInWindow.increment();
					}
				}
				else {
					noteUnexpected(answer);
				}
			}
		});
		cpuMark.join();
		long cpuUsed = cpuNanos() - Math.max(cpuBefore, cpuAtWindowStart[0]);
		double tps = okInWindow.sum() / (measureNanos / 1e9);
		long[] sorted = LongList.sortedUnion(latencies);
		Figures figures = new Figures(label);
		figures.put("workers", workers);
		figures.put("pattern", workload.name);
		figures.put("tps", round(tps));
		figures.latency("", sorted);
		figures.put("accepted_total", acceptedTotal.sum());
		figures.put("unexpected", unexpectedCount());
		figures.put("generator_cpu_pct", round(100.0 * cpuUsed / (double) measureNanos));
		figures.put("load_avg", loadAverage());
		out.printf(Locale.ROOT, "  %.0f tx/s (201 answers), latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
				+ "generator CPU %.0f %% of one core; load average %s%n", tps, ms(percentile(sorted, 0.50)),
				ms(percentile(sorted, 0.99)), ms(percentile(sorted, 1.0)), 100.0 * cpuUsed / measureNanos,
				loadAverage());
		printUnexpected(label);
		figures.write(options.get("out", null));
		return 0;
	}

	private int openLoop() throws Exception {
		String label = options.get("label", "open");
		double rate = options.getDouble("rate", 1000);
		int workers = options.getInt("workers", 128);
		Workload workload = Workload.of(options.get("pattern", "uniform"), options.getInt("accounts", 1000));
		long warmupNanos = secondsToNanos(options.getDouble("warmup", 5));
		long measureNanos = secondsToNanos(options.getDouble("seconds", 15));
		int trackEvery = options.getInt("track-every", 0);
		boolean webhook = options.has("webhook");
		makeClients(workers + 8);

		Receiver receiver = null;
		String endpointId = null;
		if (webhook) {
			receiver = Receiver.start();
			Answer created = send(clients[0], post("/v1/webhook-endpoints",
					"{\"url\":\"http://127.0.0.1:" + receiver.port() + "/hook\",\"description\":\"laas bench\"}"));
			if (created.status != 201) {
				noteUnexpected(created);
				printUnexpected(label);
				receiver.stop();
				return 1;
			}
			endpointId = created.id();
			out.printf("%s: webhook receiver on 127.0.0.1:%d registered as endpoint %s%n", label, receiver.port(),
					endpointId);
		}
		try {
			return runOpenLoop(label, rate, workers, workload, warmupNanos, measureNanos, trackEvery, receiver);
		}
		finally {
			if (endpointId != null) {
				Answer deleted = send(clients[0], HttpRequest.newBuilder(uri("/v1/webhook-endpoints/" + endpointId))
					.header("Authorization", "Bearer " + apiKey)
					.timeout(REQUEST_TIMEOUT)
					.DELETE());
				if (deleted.status != 204) {
					noteUnexpected(deleted);
					printUnexpected(label + " (deleting the webhook endpoint)");
				}
			}
			if (receiver != null) {
				receiver.stop();
			}
		}
	}

	private int runOpenLoop(String label, double rate, int workers, Workload workload, long warmupNanos,
			long measureNanos, int trackEvery, Receiver receiver) throws Exception {
		double intervalNanos = 1e9 / rate;
		long start = System.nanoTime() + 50_000_000L;
		long windowStart = start + warmupNanos;
		long end = windowStart + measureNanos;
		long windowStartMicros = epochMicros() + (windowStart - System.nanoTime()) / 1000;
		AtomicLong tickets = new AtomicLong();
		LongList[] latencies = new LongList[workers];
		LongList[] sendLags = new LongList[workers];
		LongAdder okInWindow = new LongAdder();
		Set<String> windowIds = ConcurrentHashMap.newKeySet();
		Projection projection = trackEvery > 0 ? new Projection(clients[clients.length - 1]) : null;
		long cpuBefore = cpuNanos();
		long[] cpuAtWindowStart = new long[1];
		Thread cpuMark = markCpuAt(windowStart, cpuAtWindowStart);
		out.printf(Locale.ROOT, "%s: open loop at %.0f tx/s, %d workers, %s, %.0f s warm-up + %.0f s measured%s%s%n",
				label, rate, workers, workload.describe(), warmupNanos / 1e9, measureNanos / 1e9,
				trackEvery > 0 ? ", projection polled for 1 of " + trackEvery : "",
				receiver != null ? ", webhooks received" : "");
		runWorkers(workers, (worker) -> {
			Poster poster = poster(worker);
			LongList mine = new LongList();
			LongList lags = new LongList();
			latencies[worker] = mine;
			sendLags[worker] = lags;
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (true) {
				long ticket = tickets.getAndIncrement();
				long due = start + (long) (ticket * intervalNanos);
				if (due >= end) {
					break;
				}
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				long sent = System.nanoTime();
				Answer answer = poster.post("/v1/transactions", workload.body(random));
				long done = System.nanoTime();
				if (answer.status == 201) {
					acceptedTotal.increment();
					if (due >= windowStart) {
						mine.add(done - due);
						lags.add(sent - due);
						okInWindow.increment();
						String id = answer.id();
						if (receiver != null && id != null) {
							windowIds.add(id);
						}
						if (projection != null && ticket % trackEvery == 0 && id != null) {
							projection.track(answer.sequence(), id, done);
						}
					}
				}
				else {
					noteUnexpected(answer);
				}
			}
			poster.close();
		});
		cpuMark.join();
		long cpuUsed = cpuNanos() - Math.max(cpuBefore, cpuAtWindowStart[0]);
		long windowEndMicros = windowStartMicros + measureNanos / 1000;
		long[] sorted = LongList.sortedUnion(latencies);
		long[] lagSorted = LongList.sortedUnion(sendLags);
		double achieved = okInWindow.sum() / (measureNanos / 1e9);
		Figures figures = new Figures(label);
		figures.put("rate", round(rate));
		figures.put("workers", workers);
		figures.put("tps", round(achieved));
		figures.latency("", sorted);
		figures.put("send_lag_p99_ms", round(ms(percentile(lagSorted, 0.99))));
		figures.put("generator_cpu_pct", round(100.0 * cpuUsed / (double) measureNanos));
		figures.put("load_avg", loadAverage());
		figures.put("window_start_us", windowStartMicros);
		figures.put("window_end_us", windowEndMicros);
		out.printf(Locale.ROOT, "  offered %.0f tx/s, %.0f tx/s answered 201; latency from the due time p50 %.1f ms, "
				+ "p99 %.1f ms, max %.1f ms (send lag p99 %.1f ms); generator CPU %.0f %% of one core; load average %s%n",
				rate, achieved, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)), ms(percentile(sorted, 1.0)),
				ms(percentile(lagSorted, 0.99)), 100.0 * cpuUsed / measureNanos, loadAverage());

		String windowFile = options.get("window-file", null);
		if (windowFile != null) {
			Files.writeString(Path.of(windowFile), windowStartMicros + " " + windowEndMicros + "\n");
		}
		if (projection != null) {
			long[] lag = projection.finish(Duration.ofSeconds(30));
			figures.put("projected_samples", lag.length);
			figures.put("projected_missing", projection.missing());
			figures.latency("projected_", lag);
			out.printf(Locale.ROOT, "  commit (201 received) -> GET /v1/transactions/{id} answers 200: p50 %.1f ms, "
					+ "p99 %.1f ms, max %.1f ms over %d samples (%d not projected within 30 s)%n",
					ms(percentile(lag, 0.50)), ms(percentile(lag, 0.99)), ms(percentile(lag, 1.0)), lag.length,
					projection.missing());
		}
		if (receiver != null) {
			long[] lagMicros = receiver.awaitAll(windowIds, Duration.ofSeconds(20));
			long missing = windowIds.size() - lagMicros.length;
			figures.put("webhook_samples", lagMicros.length);
			figures.put("webhook_missing", missing);
			figures.put("webhook_p50_ms", round(percentile(lagMicros, 0.50) / 1000.0));
			figures.put("webhook_p99_ms", round(percentile(lagMicros, 0.99) / 1000.0));
			figures.put("webhook_max_ms", round(percentile(lagMicros, 1.0) / 1000.0));
			out.printf(Locale.ROOT, "  recorded_at -> webhook received: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d "
					+ "transactions (%d not delivered within 20 s of the end)%n", percentile(lagMicros, 0.50) / 1000.0,
					percentile(lagMicros, 0.99) / 1000.0, percentile(lagMicros, 1.0) / 1000.0, lagMicros.length,
					missing);
			double burstSeconds = options.getDouble("burst-seconds", 0);
			if (burstSeconds > 0) {
				webhookBurst(figures, receiver, burstSeconds, options.getInt("burst-workers", 64), workload);
			}
		}
		figures.put("accepted_total", acceptedTotal.sum());
		figures.put("unexpected", unexpectedCount());
		printUnexpected(label);
		figures.write(options.get("out", null));
		return 0;
	}

	/**
	 * Posts as fast as a closed loop can for a few seconds, then waits for every delivery: the dispatcher works
	 * through a backlog, so first-to-last delivery time gives its rate rather than the posting rate.
	 */
	private void webhookBurst(Figures figures, Receiver receiver, double seconds, int workers, Workload workload)
			throws InterruptedException {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		long end = System.nanoTime() + secondsToNanos(seconds);
		runWorkers(workers, (worker) -> {
			Poster poster = poster(worker);
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (System.nanoTime() < end) {
				Answer answer = poster.post("/v1/transactions", workload.body(random));
				if (answer.status == 201) {
					acceptedTotal.increment();
					if (answer.id() != null) {
						ids.add(answer.id());
					}
				}
				else {
					noteUnexpected(answer);
				}
			}
			poster.close();
		});
		long postedUntilMicros = epochMicros();
		receiver.awaitAll(ids, Duration.ofSeconds(40));
		long[] window = receiver.receivedSpan(ids);
		long delivered = window[0];
		double spanSeconds = (window[2] - window[1]) / 1e6;
		double perSecond = spanSeconds > 0 ? delivered / spanSeconds : 0;
		double drainSeconds = Math.max(0, (window[2] - postedUntilMicros) / 1e6);
		figures.put("burst_posted", ids.size());
		figures.put("burst_delivered", delivered);
		figures.put("deliveries_per_s", round(perSecond));
		figures.put("burst_post_tps", round(ids.size() / seconds));
		figures.put("burst_drain_s", round(drainSeconds));
		figures.put("webhook_duplicates", receiver.duplicates());
		out.printf(Locale.ROOT, "  webhook burst: %d transactions posted in %.0f s (%.0f tx/s), %d delivered at %.0f "
				+ "deliveries/s (first to last), last one %.1f s after posting stopped; %d duplicate deliveries%n",
				ids.size(), seconds, ids.size() / seconds, delivered, perSecond, drainSeconds, receiver.duplicates());
	}

	// --- HTTP ---

	private void makeClients(int workers) {
		int count = Math.max(1, (workers + CLIENTS_PER_WORKERS - 1) / CLIENTS_PER_WORKERS);
		clients = new HttpClient[count];
		for (int i = 0; i < count; i++) {
			clients[i] = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
		}
	}

	private HttpClient clientOf(int worker) {
		return clients[worker % clients.length];
	}

	/** How a worker posts: through java.net.http.HttpClient ("jdk") or its own keep-alive socket ("raw"). */
	interface Poster {

		Answer post(String path, String json);

		default void close() {
		}

	}

	private Poster poster(int worker) {
		String client = options.get("client", "jdk");
		if (client.equals("raw")) {
			return new RawConnection(URI.create(baseUrl), apiKey);
		}
		if (!client.equals("jdk")) {
			throw new IllegalArgumentException("--client must be jdk or raw");
		}
		HttpClient http = clientOf(worker);
		return (path, json) -> send(http, post(path, json));
	}

	/**
	 * A minimal HTTP/1.1 client on one keep-alive socket: writes a request, reads the status line, the headers
	 * and a Content-Length or chunked body. It costs the machine far less CPU than HttpClient, which matters when
	 * the generator shares two cores with the server. A request is never retried (a POST may have been applied).
	 */
	static final class RawConnection implements Poster {

		private final String host;

		private final int port;

		private final String headers;

		private Socket socket;

		private OutputStream output;

		private InputStream input;

		RawConnection(URI base, String apiKey) {
			this.host = base.getHost();
			this.port = base.getPort() > 0 ? base.getPort() : 80;
			this.headers = "Host: " + host + ":" + port + "\r\nAuthorization: Bearer " + apiKey
					+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\n";
		}

		@Override
		public Answer post(String path, String json) {
			try {
				if (socket == null) {
					socket = new Socket(host, port);
					socket.setTcpNoDelay(true);
					socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
					output = new BufferedOutputStream(socket.getOutputStream(), 4096);
					input = new BufferedInputStream(socket.getInputStream(), 16384);
				}
				byte[] body = json.getBytes(StandardCharsets.UTF_8);
				output.write(("POST " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				output.write(body);
				output.flush();
				return read();
			}
			catch (IOException ex) {
				close();
				return new Answer(-1, String.valueOf(ex.getMessage()), ex.getClass().getSimpleName());
			}
		}

		private Answer read() throws IOException {
			String statusLine = line();
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean closing = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("content-length")) {
					length = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
					chunked = true;
				}
				else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
					closing = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
						size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
					body.write(input.readNBytes(size));
					line();
				}
				for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
					// trailers are ignored
				}
			}
			else if (length >= 0) {
				body.write(input.readNBytes((int) length));
			}
			else {
				body.write(input.readAllBytes());
				closing = true;
			}
			if (closing) {
				close();
			}
			return new Answer(status, body.toString(StandardCharsets.UTF_8), null);
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int c = input.read(); c != '\n'; c = input.read()) {
				if (c < 0) {
					throw new EOFException("connection closed by the server");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		@Override
		public void close() {
			if (socket != null) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// already broken
				}
				socket = null;
			}
		}

	}

	private URI uri(String path) {
		return URI.create(baseUrl + path);
	}

	private HttpRequest.Builder post(String path, String json) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", "application/json")
			.timeout(REQUEST_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + apiKey)
			.timeout(REQUEST_TIMEOUT)
			.GET();
	}

	private static Answer send(HttpClient client, HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), null);
		}
		catch (IOException ex) {
			return new Answer(-1, String.valueOf(ex.getMessage()), ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, "interrupted", "InterruptedException");
		}
	}

	private void noteUnexpected(Answer answer) {
		String key = answer.exception != null ? answer.exception
				: answer.status + (answer.problemCode() != null ? " " + answer.problemCode() : "");
		unexpected.computeIfAbsent(key, (k) -> new LongAdder()).increment();
		unexpectedSample.putIfAbsent(key, answer.body == null ? "" : answer.body);
	}

	private long unexpectedCount() {
		return unexpected.values().stream().mapToLong(LongAdder::sum).sum();
	}

	private void printUnexpected(String label) {
		if (unexpected.isEmpty()) {
			return;
		}
		out.printf("  %s: %d unexpected answers:%n", label, unexpectedCount());
		new TreeMap<>(unexpected).forEach((key, count) -> {
			String body = unexpectedSample.getOrDefault(key, "");
			out.printf("    %s x%d, e.g. %s%n", key, count.sum(), body.length() > 600 ? body.substring(0, 600) : body);
		});
	}

	record Answer(int status, String body, String exception) {

		String id() {
			if (body == null) {
				return null;
			}
			Matcher m = ID.matcher(body);
			return m.find() ? m.group(1) : null;
		}

		long sequence() {
			Matcher m = SEQUENCE.matcher(body);
			return m.find() ? Long.parseLong(m.group(1)) : -1;
		}

		String problemCode() {
			if (body == null || status < 400) {
				return null;
			}
			Matcher m = PROBLEM_CODE.matcher(body);
			return m.find() ? m.group(1) : null;
		}

	}

	// --- what is posted ---

	static String accountCode(int i) {
		return String.format(Locale.ROOT, "acc-%04d", i);
	}

	/** Two-posting transactions of 1.00: uniform random pairs, or every one debiting acc-0000 (hot). */
	record Workload(String name, int accounts, String[] codes) {

		static Workload of(String name, int accounts) {
			if (!name.equals("uniform") && !name.equals("hot")) {
				throw new IllegalArgumentException("--pattern must be uniform or hot");
			}
			String[] codes = new String[accounts];
			for (int i = 0; i < accounts; i++) {
				codes[i] = accountCode(i);
			}
			return new Workload(name, accounts, codes);
		}

		String describe() {
			return name.equals("hot") ? "every transaction debits acc-0000, credits one of " + (accounts - 1)
					: "uniform random pairs over " + accounts + " accounts";
		}

		String body(ThreadLocalRandom random) {
			int debit;
			int credit;
			if (name.equals("hot")) {
				debit = 0;
				credit = 1 + random.nextInt(accounts - 1);
			}
			else {
				debit = random.nextInt(accounts);
				credit = (debit + 1 + random.nextInt(accounts - 1)) % accounts;
			}
			return "{\"postings\":[{\"account_code\":\"" + codes[debit]
					+ "\",\"direction\":\"debit\",\"amount\":\"1.00\"},{\"account_code\":\"" + codes[credit]
					+ "\",\"direction\":\"credit\",\"amount\":\"1.00\"}]}";
		}

	}

	// --- commit -> projected read model ---

	/**
	 * Measures commit -> readable in the projected read model with one poller: the projector applies a ledger's
	 * events in sequence order, so it polls GET /v1/transactions/{id} for the oldest tracked transaction still
	 * missing, every 5 ms until it answers 200, then moves on to the next one (often already there). That bounds
	 * the extra load to one GET at a time whatever the lag, at a resolution of about 5 ms plus one round trip.
	 */
	private final class Projection {

		private final HttpClient client;

		/** sequence -> {id, nanoTime the 201 arrived}. */
		private final java.util.concurrent.ConcurrentSkipListMap<Long, Object[]> waiting =
				new java.util.concurrent.ConcurrentSkipListMap<>();

		private final LongList lags = new LongList();

		private final LongAdder missing = new LongAdder();

		private final Thread poller;

		private volatile boolean stopping;

		Projection(HttpClient client) {
			this.client = client;
			this.poller = new Thread(this::pollLoop, "projection-poller");
			this.poller.setDaemon(true);
			this.poller.start();
		}

		void track(long sequence, String id, long committedNanos) {
			waiting.put(sequence, new Object[] { id, committedNanos });
		}

		private void pollLoop() {
			while (!(stopping && waiting.isEmpty())) {
				Map.Entry<Long, Object[]> oldest = waiting.firstEntry();
				if (oldest == null) {
					LockSupport.parkNanos(1_000_000L);
					continue;
				}
				String id = (String) oldest.getValue()[0];
				long committed = (Long) oldest.getValue()[1];
				Answer answer = send(client, get("/v1/transactions/" + id));
				long now = System.nanoTime();
				if (answer.status == 200) {
					synchronized (lags) {
						lags.add(now - committed);
					}
					waiting.remove(oldest.getKey());
				}
				else if (answer.status == 404 && now - committed < 30_000_000_000L) {
					LockSupport.parkNanos(5_000_000L);
				}
				else {
					if (answer.status != 404) {
						noteUnexpected(answer);
					}
					missing.increment();
					waiting.remove(oldest.getKey());
				}
			}
		}

		long[] finish(Duration wait) throws InterruptedException {
			stopping = true;
			poller.join(wait.toMillis());
			missing.add(waiting.size());
			waiting.clear();
			synchronized (lags) {
				return LongList.sortedUnion(new LongList[] { lags });
			}
		}

		long missing() {
			return missing.sum();
		}

	}

	// --- commit -> webhook received ---

	/** A local webhook receiver: answers 204 at once and notes when each transaction's delivery arrived. */
	private static final class Receiver {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newFixedThreadPool(8, daemon("receiver"));

		/** transaction id -> {recorded_at, received}, epoch microseconds; the first delivery of each. */
		private final Map<String, long[]> received = new ConcurrentHashMap<>();

		private final LongAdder duplicates = new LongAdder();

		private Receiver(HttpServer server) {
			this.server = server;
		}

		static Receiver start() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			Receiver receiver = new Receiver(server);
			server.setExecutor(receiver.executor);
			server.createContext("/hook", (exchange) -> {
				byte[] body;
				try (InputStream in = exchange.getRequestBody()) {
					body = in.readAllBytes();
				}
				long now = epochMicros();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
				receiver.note(new String(body, StandardCharsets.UTF_8), now);
			});
			server.start();
			return receiver;
		}

		int port() {
			return server.getAddress().getPort();
		}

		private void note(String body, long receivedMicros) {
			Matcher type = EVENT_TYPE.matcher(body);
			Matcher recorded = RECORDED_AT.matcher(body);
			Matcher aggregate = AGGREGATE_ID.matcher(body);
			if (!type.find() || !"transaction.posted".equals(type.group(1)) || !recorded.find() || !aggregate.find()) {
				return;
			}
			long recordedMicros = epochMicros(Instant.parse(recorded.group(1)));
			if (received.putIfAbsent(aggregate.group(1), new long[] { recordedMicros, receivedMicros }) != null) {
				duplicates.increment();
			}
		}

		/** Waits until every id was delivered (or the wait ends); returns the sorted latencies in microseconds. */
		long[] awaitAll(Set<String> ids, Duration wait) throws InterruptedException {
			long deadline = System.nanoTime() + wait.toNanos();
			List<String> missing = new ArrayList<>(ids);
			while (true) {
				missing.removeIf(received::containsKey);
				if (missing.isEmpty() || System.nanoTime() >= deadline) {
					break;
				}
				Thread.sleep(50);
			}
			LongList lags = new LongList();
			for (String id : ids) {
				long[] times = received.get(id);
				if (times != null) {
					lags.add(times[1] - times[0]);
				}
			}
			return LongList.sortedUnion(new LongList[] { lags });
		}

		/** {count, first received, last received} of these ids, epoch microseconds. */
		long[] receivedSpan(Set<String> ids) {
			long count = 0;
			long first = Long.MAX_VALUE;
			long last = Long.MIN_VALUE;
			for (String id : ids) {
				long[] times = received.get(id);
				if (times != null) {
					count++;
					first = Math.min(first, times[1]);
					last = Math.max(last, times[1]);
				}
			}
			return count == 0 ? new long[] { 0, 0, 0 } : new long[] { count, first, last };
		}

		long duplicates() {
			return duplicates.sum();
		}

		void stop() {
			server.stop(0);
			executor.shutdownNow();
		}

	}

	// --- plumbing ---

	interface Worker {

		void run(int index) throws Exception;

	}

	private static void runWorkers(int count, Worker worker) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(count);
		List<Throwable> failures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				try {
					worker.run(index);
				}
				catch (Throwable ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
				finally {
					done.countDown();
				}
			}, "worker-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		done.await();
		if (!failures.isEmpty()) {
			throw new IllegalStateException("a worker failed", failures.get(0));
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicLong n = new AtomicLong();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Records this JVM's CPU time when the measured window starts (warm-up excluded). */
	private static Thread markCpuAt(long nanoTime, long[] into) {
		Thread thread = new Thread(() -> {
			for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			into[0] = cpuNanos();
		}, "cpu-mark");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static long cpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + "/" + parts[1] + "/" + parts[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static long epochMicros() {
		return epochMicros(Instant.now());
	}

	static long epochMicros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}

	static long secondsToNanos(double seconds) {
		return (long) (seconds * 1e9);
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** Nearest-rank percentile of a sorted array; 0 when empty. */
	static long percentile(long[] sorted, double q) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
	}

	/** A growable array of longs owned by one thread. */
	static final class LongList {

		private long[] values = new long[4096];

		private int size;

		void add(long value) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = value;
		}

		static long[] sortedUnion(LongList[] lists) {
			int total = 0;
			for (LongList list : lists) {
				total += list == null ? 0 : list.size;
			}
			long[] all = new long[total];
			int at = 0;
			for (LongList list : lists) {
				if (list != null) {
					System.arraycopy(list.values, 0, all, at, list.size);
					at += list.size;
				}
			}
			Arrays.sort(all);
			return all;
		}

	}

	/** key=value figures, prefixed by the scenario label, appended to the results file. */
	private static final class Figures {

		private final String label;

		private final Map<String, String> values = new java.util.LinkedHashMap<>();

		Figures(String label) {
			this.label = label;
		}

		void put(String key, Object value) {
			values.put(label + "." + key, String.valueOf(value));
		}

		void latency(String prefix, long[] sortedNanos) {
			put(prefix + "samples", sortedNanos.length);
			put(prefix + "p50_ms", round(ms(percentile(sortedNanos, 0.50))));
			put(prefix + "p99_ms", round(ms(percentile(sortedNanos, 0.99))));
			put(prefix + "p999_ms", round(ms(percentile(sortedNanos, 0.999))));
			put(prefix + "max_ms", round(ms(percentile(sortedNanos, 1.0))));
		}

		void write(String file) throws IOException {
			if (file == null) {
				return;
			}
			StringBuilder text = new StringBuilder();
			values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
			Files.writeString(Path.of(file), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}

	}

	/** {@code --name value} pairs after the command; a flag without a value is "true". */
	record Options(Map<String, String> values) {

		static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>();
			for (int i = 1; i < args.length; i++) {
				if (!args[i].startsWith("--")) {
					throw new IllegalArgumentException("expected --option, got " + args[i]);
				}
				String name = args[i].substring(2);
				if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
					values.put(name, args[++i]);
				}
				else {
					values.put(name, "true");
				}
			}
			return new Options(values);
		}

		boolean has(String name) {
			return values.containsKey(name);
		}

		String get(String name, String fallback) {
			return values.getOrDefault(name, fallback);
		}

		int getInt(String name, int fallback) {
			return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
		}

		double getDouble(String name, double fallback) {
			return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
		}

	}

}
