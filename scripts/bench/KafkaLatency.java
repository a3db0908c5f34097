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
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Commit -> event on Kafka, for {@code ./laas bench}. Run with the broker's client jars:
 * {@code java -cp "infra/target/lib/*" scripts/bench/KafkaLatency.java --bootstrap HOST:PORT --topic T
 * --ready-file F --window-file W --out RESULTS --label kafka}.
 *
 * Assigns every partition of the topic at its end (no consumer group), writes the ready file, then for each
 * {@code transaction.posted} record notes now - envelope.recorded_at (epoch microseconds; recorded_at is stamped
 * by command-api inside the posting batch, just before its commit). When the load generator has written the
 * window file ("startMicros endMicros"), it keeps reading until it has seen a record recorded after the window (or
 * 3 s without records), then writes the p50/p99 of the records recorded inside the window.
 */
public final class KafkaLatency {

	private static final Pattern EVENT_TYPE = Pattern.compile("\"event_type\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern RECORDED_AT = Pattern.compile("\"recorded_at\"\\s*:\\s*\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String label = options.getOrDefault("label", "kafka");
		Path windowFile = Path.of(require(options, "window-file"));
		long timeoutMs = Long.parseLong(options.getOrDefault("timeout-s", "180")) * 1000;
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, require(options, "bootstrap"));
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "laas-bench-latency");

		long[] recorded = new long[1 << 16];
		long[] received = new long[1 << 16];
		int count = 0;
		long started = System.currentTimeMillis();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
			String topic = require(options, "topic");
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToEnd(partitions);
			for (TopicPartition partition : partitions) {
				consumer.position(partition, Duration.ofSeconds(30));
			}
			Files.writeString(Path.of(require(options, "ready-file")), "ready\n");

			long[] window = null;
			long lastRecordAt = System.currentTimeMillis();
			long newestRecorded = 0;
			while (System.currentTimeMillis() - started < timeoutMs) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					long now = epochMicros(Instant.now());
					String value = new String(record.value(), StandardCharsets.UTF_8);
					Matcher type = EVENT_TYPE.matcher(value);
					Matcher at = RECORDED_AT.matcher(value);
					if (!type.find() || !type.group(1).equals("transaction.posted") || !at.find()) {
						continue;
					}
					if (count == recorded.length) {
						recorded = Arrays.copyOf(recorded, count * 2);
						received = Arrays.copyOf(received, count * 2);
					}
					recorded[count] = epochMicros(Instant.parse(at.group(1)));
					received[count] = now;
					newestRecorded = Math.max(newestRecorded, recorded[count]);
					count++;
				}
				if (!records.isEmpty()) {
					lastRecordAt = System.currentTimeMillis();
				}
				if (window == null && Files.exists(windowFile)) {
					String[] parts = Files.readString(windowFile).trim().split("\\s+");
					if (parts.length == 2) {
						window = new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
					}
				}
				if (window != null
						&& (newestRecorded > window[1] || System.currentTimeMillis() - lastRecordAt > 3000)) {
					break;
				}
			}
			if (window == null) {
				System.out.println(label + ": no window file within the timeout; nothing measured");
				System.exit(1);
			}
			long[] lags = new long[count];
			int n = 0;
			for (int i = 0; i < count; i++) {
				if (recorded[i] >= window[0] && recorded[i] <= window[1]) {
					lags[n++] = received[i] - recorded[i];
				}
			}
			lags = Arrays.copyOf(lags, n);
			Arrays.sort(lags);
			String text = String.format(Locale.ROOT,
					"%1$s.samples=%2$d%n%1$s.p50_ms=%3$.1f%n%1$s.p99_ms=%4$.1f%n%1$s.max_ms=%5$.1f%n", label, n,
					percentile(lags, 0.50) / 1000.0, percentile(lags, 0.99) / 1000.0, percentile(lags, 1.0) / 1000.0);
			System.out.printf(Locale.ROOT, "  recorded_at -> record received from Kafka: p50 %.1f ms, p99 %.1f ms, "
					+ "max %.1f ms over %d transaction.posted events%n", percentile(lags, 0.50) / 1000.0,
					percentile(lags, 0.99) / 1000.0, percentile(lags, 1.0) / 1000.0, n);
			String out = options.get("out");
			if (out != null) {
				Files.writeString(Path.of(out), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
		}
	}

	private static String require(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private static long epochMicros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}

	private static long percentile(long[] sorted, double q) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
	}

}
