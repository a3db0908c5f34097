package io.laas.projector.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.laas.projector.feed.TopicSettings;
import io.laas.projector.projection.Projection;
import io.laas.projector.readmodel.ReadModelSchema;
import io.laas.projector.readmodel.ReadModelSwap;
import io.laas.projector.rebuild.ReplayListener.Step;
import io.laas.projector.rebuild.internal.PartitionReader;
import io.laas.projector.rebuild.internal.PartitionReader.Counters;
import io.laas.projector.rebuild.internal.Readers;
import io.laas.projector.rebuild.internal.SchemaShape;

/**
 * Rebuilds the read model from the whole topic into fresh tables and swaps them in, while the live projector and
 * the readers go on (see "Replay" in {@code projector/README.md}):
 * <ol>
 * <li>drop what earlier replays left ({@code read_model_next}, {@code read_model_old_*}); run the read model's Flyway
 * migrations into {@code read_model_next}; insist that it is built exactly like {@code read_model} (grants,
 * row-level security and policies included: {@link SchemaShape});</li>
 * <li>read every partition from its first offset, without a consumer group, up to the end offsets seen at start,
 * applying with the live projector's {@link Projection} into {@code read_model_next}; then catch up with the
 * topic's end a few rounds, until little is left;</li>
 * <li>take the swap guard ({@link ReadModelSwap}): the live projector's batch in flight commits, the next one waits.
 * With the live read model frozen, read to the topic's current end; check that no ledger is further in the live read
 * model than in the rebuilt one; rename {@code read_model} to {@code read_model_old_<time>} and
 * {@code read_model_next} to {@code read_model}; commit. The live projector carries on from its own committed offsets:
 * what the rebuilt model already has is skipped as duplicates (per-ledger sequence), the rest is applied.</li>
 * </ol>
 * Nothing of the live read model changes before the one transaction that swaps; a replay that fails leaves it as it
 * was.
 */
@Component
public class Replay {

	private static final Logger log = LoggerFactory.getLogger(Replay.class);

	private static final DateTimeFormatter OLD_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
		.withZone(ZoneOffset.UTC);

	private static final String LIVE = ReadModelSchema.SCHEMA;

	private static final String NEXT = ReadModelSchema.NEXT;

	/** Ledgers the live read model has further than the rebuilt one: the swap would lose their events. */
	private static final String BEHIND = """
			select l.ledger_id::text || ' at ' || l.last_sequence || ' (rebuilt: ' || coalesce(n.last_sequence, 0) || ')'
			from read_model.ledger_progress l left join read_model_next.ledger_progress n using (ledger_id)
			where coalesce(n.last_sequence, 0) < l.last_sequence order by l.ledger_id limit 5
			""";

	private final ReplaySettings settings;

	private final TopicSettings topics;

	private final KafkaProperties kafka;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final PlatformTransactionManager transactionManager;

	private final Clock clock;

	public Replay(ReplaySettings settings, TopicSettings topics, KafkaProperties kafka, DataSource dataSource,
			JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.settings = settings;
		this.topics = topics;
		this.kafka = kafka;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactionManager = transactionManager;
		this.clock = clock;
	}

	/**
	 * Runs a whole replay; returns once the rebuilt read model is {@code read_model}.
	 * @throws ReplayFailed if it cannot be done; {@code read_model} is then untouched
	 */
	public ReplaySummary run(ReplayListener listener) {
		long startNanos = System.nanoTime();
		requireConnections();
		prepareNext(listener);
		Counters counters = new Counters();
		Projection projection = Projection.into(NEXT, this.transactionManager, this.jdbc);
		try (Admin admin = Admin.create(this.kafka.buildAdminProperties())) {
			List<TopicPartition> partitions = partitionsOf(admin);
			Map<TopicPartition, Long> first = offsets(admin, partitions, OffsetSpec.earliest());
			requireWholeTopic(first);
			Map<TopicPartition, Long> targets = offsets(admin, partitions, OffsetSpec.latest());
			listener.note("reading " + partitions.size() + " partitions of " + this.topics.topic() + " from the beginning: "
					+ (sum(targets) - sum(first)) + " records to reach, into " + NEXT + " with "
					+ Math.min(this.settings.consumers(), partitions.size()) + " threads");
			try (Readers readers = new Readers(partitions, this.settings.consumers(),
					(share) -> new PartitionReader(consumerProperties(share), share, projection, counters,
							this.settings.pollTimeoutMs(), this.settings.batchAttemptsMax(),
							this.settings.retryBackoffMs()))) {
				Meter meter = new Meter(listener, counters, sum(first));
				meter.target(targets);
				listener.step(Step.READING);
				readers.readTo(targets, Long.MAX_VALUE, this.settings.progressIntervalMs(), meter::tick);
				meter.tick();
				listener.step(Step.CATCHING_UP);
				catchUp(admin, partitions, readers, meter);
				Swapped swapped = null;
				for (int attempt = 1; swapped == null; attempt++) {
					swapped = trySwap(admin, partitions, readers, meter, listener);
					if (swapped == null) {
						if (attempt >= this.settings.swapAttemptsMax()) {
							throw new ReplayFailed("gave up the swap after " + attempt + " attempts (the live projector "
									+ "did not let go, or catching up took longer than laas.replay.swap-freeze-ms-max); "
									+ "read_model is untouched, " + NEXT + " is left for inspection");
						}
						listener.note("swap attempt " + attempt + " given up; catching up again");
						catchUp(admin, partitions, readers, meter);
					}
				}
				listener.step(Step.SWAPPED);
				String oldSchema = swapped.oldSchema();
				if (this.settings.dropOld() && drop(oldSchema, listener)) {
					oldSchema = null;
				}
				return new ReplaySummary(counters.applied().get(), counters.records().get(),
						counters.duplicates().get(), counters.unreadable().get(), counters.halts().get(),
						(System.nanoTime() - startNanos) / 1e9, swapped.freezeMillis(), swapped.tables(), oldSchema);
			}
		}
	}

	/** Drops the leftovers of earlier replays, migrates {@code read_model_next} and compares it with the live one. */
	private void prepareNext(ReplayListener listener) {
		for (String old : this.jdbc.queryForList("select nspname::text from pg_namespace where nspname like ? order by 1",
				String.class, ReadModelSchema.OLD_PREFIX.replace("_", "\\_") + "%")) {
			listener.note("dropping " + old + ", the read model replaced by the previous replay");
			this.jdbc.execute("drop schema " + ReadModelSchema.requireName(old) + " cascade");
		}
		if (schemaExists(NEXT)) {
			listener.note("dropping " + NEXT + " left by an unfinished replay");
			this.jdbc.execute("drop schema " + NEXT + " cascade");
		}
		ReadModelSchema.migrate(this.dataSource, NEXT);
		requireSameShape();
	}

	/**
	 * The rebuilt schema must be built exactly like the live one: otherwise the swap would silently change what
	 * readers may see (a lost grant or policy) or how they see it.
	 */
	private List<String> requireSameShape() {
		SchemaShape live = SchemaShape.of(this.jdbc, LIVE);
		SchemaShape next = SchemaShape.of(this.jdbc, NEXT);
		List<String> differences = live.differences(LIVE, next, NEXT);
		if (!differences.isEmpty()) {
			throw new ReplayFailed(NEXT + ", migrated by the read model's own migrations, is not built like " + LIVE
					+ " (a migration that names the schema instead of leaving it to Flyway, or a change made by hand?); "
					+ "nothing is swapped. Differences:\n  " + String.join("\n  ", differences.subList(0, Math.min(20, differences.size()))));
		}
		return next.tables();
	}

	/** Reads up to the topic's current end, round after round, until little is left (bounded). */
	private void catchUp(Admin admin, List<TopicPartition> partitions, Readers readers, Meter meter) {
		for (int round = 0; round < this.settings.catchUpRoundsMax(); round++) {
			Map<TopicPartition, Long> targets = offsets(admin, partitions, OffsetSpec.latest());
			long left = meter.target(targets);
			if (left <= this.settings.catchUpLagMax()) {
				return;
			}
			readers.readTo(targets, Long.MAX_VALUE, this.settings.progressIntervalMs(), meter::tick);
			meter.tick();
		}
	}

	private record Swapped(String oldSchema, List<String> tables, long freezeMillis) {
	}

	/** One attempt; {@code null} if given up (guard not had in time, or catching up took too long while frozen). */
	private Swapped trySwap(Admin admin, List<TopicPartition> partitions, Readers readers, Meter meter,
			ReplayListener listener) {
		String oldSchema = ReadModelSchema.OLD_PREFIX + OLD_SUFFIX.format(this.clock.instant());
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local lock_timeout = " + this.settings.swapLockTimeoutMs());
				try {
					statement.execute(ReadModelSwap.EXCLUSIVE_GUARD);
				}
				catch (SQLException ex) {
					if ("55P03".equals(ex.getSQLState())) {
						connection.rollback();
						log.warn("Replay: the live projector held the swap guard for more than {} ms",
								this.settings.swapLockTimeoutMs());
						return null;
					}
					throw ex;
				}
				long frozenNanos = System.nanoTime();
				listener.step(Step.SWAPPING);
				Map<TopicPartition, Long> targets = offsets(admin, partitions, OffsetSpec.latest());
				meter.target(targets);
				boolean reached = readers.readTo(targets, frozenNanos + this.settings.swapFreezeMsMax() * 1_000_000,
						this.settings.progressIntervalMs(), meter::tick);
				meter.tick();
				if (!reached) {
					connection.rollback();
					return null;
				}
				List<String> behind = this.jdbc.queryForList(BEHIND, String.class);
				if (!behind.isEmpty()) {
					connection.rollback();
					throw new ReplayFailed("the live read model has events the topic no longer gives (retention? a "
							+ "different topic?): ledgers " + behind + "; nothing is swapped, " + NEXT
							+ " is left for inspection");
				}
				List<String> tables = requireSameShape();
				statement.execute("alter schema " + LIVE + " rename to " + ReadModelSchema.requireName(oldSchema));
				statement.execute("alter schema " + NEXT + " rename to " + LIVE);
				connection.commit();
				long freezeMillis = (System.nanoTime() - frozenNanos) / 1_000_000;
				listener.note("swapped: " + NEXT + " is now " + LIVE + ", the replaced read model is " + oldSchema
						+ " (live projector held back " + freezeMillis + " ms)");
				return new Swapped(oldSchema, tables, freezeMillis);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new ReplayFailed("the swap failed: " + ex.getMessage() + "; read_model is untouched", ex);
		}
	}

	private boolean drop(String schema, ReplayListener listener) {
		// One connection, one transaction: the lock timeout is local to it and cannot leak into the pool.
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set local lock_timeout = 10000");
				statement.execute("drop schema " + ReadModelSchema.requireName(schema) + " cascade");
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
			listener.note("dropped " + schema + " (--drop-old)");
			return true;
		}
		catch (SQLException ex) {
			listener.note("could not drop " + schema + " (" + ex.getMessage() + "); drop it later with: drop schema "
					+ schema + " cascade");
			return false;
		}
	}

	private boolean schemaExists(String schema) {
		Boolean exists = this.jdbc.queryForObject("select exists (select 1 from pg_namespace where nspname = ?)",
				Boolean.class, schema);
		return Boolean.TRUE.equals(exists);
	}

	/** Each thread holds a connection per batch; the swap holds one more, and the checks another. */
	private void requireConnections() {
		int needed = this.settings.consumers() + 2;
		if (this.dataSource instanceof HikariDataSource hikari && hikari.getMaximumPoolSize() < needed) {
			throw new ReplayFailed("spring.datasource.hikari.maximum-pool-size (" + hikari.getMaximumPoolSize()
					+ ") must be at least laas.replay.consumers + 2 (" + needed + ")");
		}
	}

	private List<TopicPartition> partitionsOf(Admin admin) {
		try {
			TopicDescription description = admin.describeTopics(List.of(this.topics.topic()))
				.allTopicNames()
				.get()
				.get(this.topics.topic());
			return description.partitions()
				.stream()
				.map((partition) -> new TopicPartition(this.topics.topic(), partition.partition()))
				.sorted(Comparator.comparingInt(TopicPartition::partition))
				.toList();
		}
		catch (ExecutionException ex) {
			throw new ReplayFailed("cannot describe topic " + this.topics.topic() + ": " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReplayFailed("interrupted", ex);
		}
	}

	private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		try {
			Map<TopicPartition, ListOffsetsResultInfo> result = admin
				.listOffsets(request, new org.apache.kafka.clients.admin.ListOffsetsOptions(
						org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
				.all()
				.get();
			Map<TopicPartition, Long> offsets = new HashMap<>();
			result.forEach((partition, info) -> offsets.put(partition, info.offset()));
			return offsets;
		}
		catch (ExecutionException ex) {
			throw new ReplayFailed("cannot list offsets: " + ex.getCause().getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReplayFailed("interrupted", ex);
		}
	}

	/** Every ledger starts at sequence 1: a topic whose retention removed its first records cannot be replayed. */
	private void requireWholeTopic(Map<TopicPartition, Long> first) {
		List<String> trimmed = new ArrayList<>();
		first.forEach((partition, offset) -> {
			if (offset > 0) {
				trimmed.add(partition + " starts at " + offset);
			}
		});
		if (!trimmed.isEmpty()) {
			throw new ReplayFailed("the topic no longer holds its first records (" + String.join(", ", trimmed)
					+ "): a replay would miss events; nothing was changed");
		}
	}

	private Map<String, Object> consumerProperties(List<TopicPartition> share) {
		Map<String, Object> properties = new HashMap<>(this.kafka.buildConsumerProperties());
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "laas-replay-" + share.get(0).partition());
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, this.settings.maxPollRecords());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return properties;
	}

	private static long sum(Map<TopicPartition, Long> offsets) {
		return offsets.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Turns the counters into progress lines. */
	private static final class Meter {

		private final ReplayListener listener;

		private final Counters counters;

		private final long firstOffsets;

		private final long startNanos = System.nanoTime();

		private long recordsToReach;

		Meter(ReplayListener listener, Counters counters, long firstOffsets) {
			this.listener = listener;
			this.counters = counters;
			this.firstOffsets = firstOffsets;
		}

		/** Sets what is to be reached now; returns how many records are left to read (roughly: gaps hold some). */
		long target(Map<TopicPartition, Long> targets) {
			this.recordsToReach = Math.max(this.recordsToReach, sum(targets) - this.firstOffsets);
			return Math.max(0, this.recordsToReach - this.counters.records().get());
		}

		void tick() {
			long records = this.counters.records().get();
			long applied = this.counters.applied().get();
			double seconds = Math.max(1e-3, (System.nanoTime() - this.startNanos) / 1e9);
			double recordsPerSecond = records / seconds;
			// Records that arrived after the targets were set are read too: the goal grows with them.
			this.recordsToReach = Math.max(this.recordsToReach, records);
			long left = this.recordsToReach - records;
			double eta = (records == 0) ? -1 : left / recordsPerSecond;
			this.listener.progress(new ReplayProgress(records, this.recordsToReach, applied, applied / seconds, eta));
		}

	}

}
