package io.laas.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.infra.KafkaTopics;
import io.laas.infra.TestInfra;
import io.laas.projector.readmodel.ReadModelSchema;
import io.laas.projector.rebuild.ReplayListener.Step;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.OwnDatabase;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;
import io.laas.projector.support.ReadModelVerifier;
import io.laas.projector.support.Workloads;

/**
 * {@code ./laas replay}: the read model rebuilt from the topic into {@code read_model_next} and swapped in while the
 * live projector keeps running. Each test has a database of its own, because a replay replaces the whole
 * {@code read_model} schema. Logs "replay throughput".
 */
@ExtendWith(InfraExtension.class)
class ReplayTest {

	private static final Logger log = LoggerFactory.getLogger(ReplayTest.class);

	private static final int PARTITIONS = 12;

	private static final int LEDGERS = Integer.getInteger("replay.ledgers", 150);

	private static final int EVENTS_PER_LEDGER = Integer.getInteger("replay.eventsPerLedger", 120);

	/**
	 * Every column of every read-model table, except the one a replay cannot reproduce:
	 * {@code ledger_progress.applied_at}, the wall-clock time of the apply.
	 */
	private static final Map<String, String> COMPARED_COLUMNS = Map.of("ledger_progress",
			"ledger_id, last_sequence, last_event_id, last_recorded_at, halted_sequence, halted_reason", "accounts", "*",
			"transactions", "*", "postings", "*", "transaction_history", "*");

	@Test
	void replay_swapsInAFreshReadModel_identicalToTheLiveOne_tableByTable() {
		try (OwnDatabase database = new OwnDatabase("replay_same")) {
			String topic = newTopic();
			ReadModelDb db = database.db();
			List<LedgerScript> ledgers = Workloads.random(LEDGERS, EVENTS_PER_LEDGER, 7);
			List<EventEnvelope> events = Publisher.interleave(ledgers);
			// A ledger that halts at a gap (4 never arrives): the rebuilt model must halt it at the same place.
			LedgerScript gapped = new LedgerScript();
			gapped.open("cash", "asset", "EUR");
			gapped.open("sales", "revenue", "EUR");
			gapped.post(UUID.randomUUID(), "cash", "sales", "1.10");
			gapped.post(UUID.randomUUID(), "cash", "sales", "2.20");
			gapped.post(UUID.randomUUID(), "cash", "sales", "3.30");
			try (ConfigurableApplicationContext live = Projectors.start(topic, "live-" + UUID.randomUUID(),
					database.datasourceArgument());
					Publisher publisher = new Publisher(topic)) {
				for (int from = 0; from < events.size(); from += 5_000) {
					publisher.sendAll(events.subList(from, Math.min(events.size(), from + 5_000)));
				}
				publisher.sendRaw(ledgers.get(0).ledgerId().toString(), "not an event".getBytes(StandardCharsets.UTF_8));
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> db.allCaughtUp(ledgers));
				publisher.sendAll(List.of(gapped.events().get(0), gapped.events().get(1), gapped.events().get(2),
						gapped.events().get(4)));
				await().atMost(Duration.ofMinutes(1)).until(() -> db.count("select count(*) from read_model.ledger_progress "
						+ "where ledger_id = ? and halted_sequence = 5 and last_sequence = 3", gapped.ledgerId()) == 1);
				snapshot(db, "before_replay");

				ByteArrayOutputStream printed = new ByteArrayOutputStream();
				long startNanos = System.nanoTime();
				int status = ReplayCommand.run(new String[] { "replay", "--laas.events.topic=" + topic,
						database.datasourceArgument() }, new PrintStream(printed, true, StandardCharsets.UTF_8));
				double seconds = (System.nanoTime() - startNanos) / 1e9;
				String output = printed.toString(StandardCharsets.UTF_8);
				log.info("./laas replay printed:\n{}", output);
				assertThat(status).as(output).isZero();
				assertThat(output).containsPattern("replay: \\d+/\\d+ records \\([0-9.]+%\\), \\d+ events applied, \\d+ events/s, ETA ")
					.containsPattern("replay done: " + (events.size() + 3) + " events applied \\(" + (events.size() + 5)
							+ " records read, 0 duplicates, 1 unreadable, 1 ledgers halted at a gap\\)")
					.contains("swapped 6 tables (accounts, flyway_schema_history, ledger_progress, postings, "
							+ "transaction_history, transactions)");
				log.info("replay throughput: {} events over {} ledgers in {} s = {} events/s, JVM context start included "
						+ "(the summary line above has the replay's own rate)", events.size() + 3, LEDGERS + 1,
						String.format("%.2f", seconds), Math.round((events.size() + 3) / seconds));

				String old = db.jdbc().queryForObject("select nspname::text from pg_namespace where nspname like "
						+ "'read\\_model\\_old\\_%'", String.class);
				for (String table : ReadModelSchema.TABLES) {
					String columns = COMPARED_COLUMNS.get(table);
					long rows = db.count("select count(*) from read_model." + table);
					assertThat(rows).as("rows of %s", table).isPositive()
						.isEqualTo(db.count("select count(*) from before_replay." + table))
						.isEqualTo(db.count("select count(*) from " + old + "." + table));
					assertThat(db.count("select count(*) from (select " + columns + " from read_model." + table
							+ " except all select " + columns + " from before_replay." + table + ") extra"))
						.as("rows of the rebuilt %s that the live one did not have", table).isZero();
					assertThat(db.count("select count(*) from (select " + columns + " from before_replay." + table
							+ " except all select " + columns + " from read_model." + table + ") missing"))
						.as("rows of the live %s that the rebuilt one lacks", table).isZero();
				}
				assertThat(db.count("select count(*) from (select version, checksum from read_model.flyway_schema_history "
						+ "except select version, checksum from " + old + ".flyway_schema_history) d")).isZero();
				assertThat(db.count("select count(*) from pg_namespace where nspname = 'read_model_next'")).isZero();

				// The live projector ran through the swap: it now writes into the swapped-in tables.
				// Not a ledger sharing the gapped ledger's partition: that partition stays paused at the gap.
				LedgerScript ledger = ledgers.stream()
					.filter(l -> partitionOf(l.ledgerId()) != partitionOf(gapped.ledgerId()))
					.findFirst()
					.orElseThrow();
				publisher.send(ledger.post(UUID.randomUUID(), "cash", "revenue", "0.01"));
				await().atMost(Duration.ofMinutes(1)).until(() -> db.lastSequence(ledger.ledgerId()) == ledger.lastSequence());
				assertThat(db.count("select last_sequence from " + old + ".ledger_progress where ledger_id = ?",
						ledger.ledgerId())).isEqualTo(ledger.lastSequence() - 1);
				new ReadModelVerifier(db).assertMatchesReference(List.of(ledger));
			}
		}
	}

	@Test
	void eventsPublishedDuringTheReplay_areAppliedExactlyOnce_afterTheSwap() {
		try (OwnDatabase database = new OwnDatabase("replay_live")) {
			String topic = newTopic();
			ReadModelDb db = database.db();
			List<LedgerScript> ledgers = Workloads.random(60, 120, 11);
			List<List<EventEnvelope>> quarters = new ArrayList<>();
			for (int q = 0; q < 4; q++) {
				int part = q;
				quarters.add(interleave(ledgers.stream().map((ledger) -> slice(ledger, part)).toList()));
			}
			List<Step> steps = new CopyOnWriteArrayList<>();
			try (ConfigurableApplicationContext live = Projectors.start(topic, "live-" + UUID.randomUUID(),
					database.datasourceArgument());
					Publisher publisher = new Publisher(topic)) {
				publisher.sendAll(quarters.get(0));
				await().atMost(Duration.ofMinutes(2))
					.until(() -> db.count("select coalesce(sum(last_sequence), 0) from read_model.ledger_progress") == quarters.get(0).size());
				MeterRegistry liveMeters = live.getBean(MeterRegistry.class);
				double liveDuplicatesBefore = liveMeters.counter("laas.projector.events.duplicates").count();

				ReplaySummary summary;
				try (ConfigurableApplicationContext replaying = Projectors.start(topic, "unused-" + UUID.randomUUID(),
						database.datasourceArgument(), "--laas.projector.enabled=false", "--laas.replay.drop-old=true")) {
					summary = replaying.getBean(Replay.class).run(new ReplayListener() {

						@Override
						public void progress(ReplayProgress progress) {
							log.info(progress.line());
						}

						@Override
						public void step(Step step) {
							steps.add(step);
							switch (step) {
								// Past the end offsets the replay aims at first: the live projector applies them now,
								// the replay while catching up.
								case READING -> publisher.sendAll(quarters.get(1));
								// The live projector is held back: these reach the rebuilt model before the swap and
								// are duplicates for the live projector after it.
								case SWAPPING -> publisher.sendAll(quarters.get(2));
								// After the swap: only the live projector applies them, into the swapped-in tables.
								case SWAPPED -> publisher.sendAll(quarters.get(3));
								default -> {
								}
							}
						}

						@Override
						public void note(String message) {
							log.info("replay: {}", message);
						}
					});
				}
				log.info(summary.line());
				assertThat(steps).containsExactly(Step.READING, Step.CATCHING_UP, Step.SWAPPING, Step.SWAPPED);
				assertThat(summary.oldSchema()).as("dropped (drop-old)").isNull();
				assertThat(db.count("select count(*) from pg_namespace where nspname like 'read\\_model\\_%'")).isZero();
				assertThat(summary.applied()).as("everything published before the swap committed")
					.isEqualTo(quarters.get(0).size() + quarters.get(1).size() + quarters.get(2).size());
				await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> db.allCaughtUp(ledgers));
				assertThat(liveMeters.counter("laas.projector.events.duplicates").count() - liveDuplicatesBefore)
					.as("the quarter applied by the replay while the live projector waited, skipped by it afterwards")
					.isGreaterThanOrEqualTo(quarters.get(2).size());
			}
			new ReadModelVerifier(db).assertMatchesReference(ledgers);
			assertThat(db.count("""
					select count(*) from read_model.accounts a
					left join (select ledger_id, account_code,
					        sum(amount) filter (where direction = 'debit') as debits,
					        sum(amount) filter (where direction = 'credit') as credits
					    from read_model.postings where status = 'posted' group by ledger_id, account_code) p
					  on p.ledger_id = a.ledger_id and p.account_code = a.code
					where a.debits_posted <> coalesce(p.debits, 0) or a.credits_posted <> coalesce(p.credits, 0)
					""")).as("accounts whose posted totals are not the sum of their posted legs").isZero();
			assertThat(db.count("select count(*) from read_model.accounts")).isEqualTo(ledgers.size() * 4L);
		}
	}

	/** The partition the producer's default partitioner picks for a ledger's key, on the 12-partition topic. */
	private static int partitionOf(UUID ledgerId) {
		return Utils.toPositive(Utils.murmur2(ledgerId.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
	}

	private static String newTopic() {
		String topic = Projectors.uniqueTopic("replay");
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, PARTITIONS, (short) 1, Map.of());
		return topic;
	}

	private static List<EventEnvelope> slice(LedgerScript ledger, int quarter) {
		List<EventEnvelope> events = ledger.events();
		return events.subList(quarter * events.size() / 4, (quarter + 1) * events.size() / 4);
	}

	/** Round-robin over the ledgers, each ledger's events in order. */
	private static List<EventEnvelope> interleave(List<List<EventEnvelope>> perLedger) {
		List<EventEnvelope> all = new ArrayList<>();
		for (int i = 0; all.size() < perLedger.stream().mapToInt(List::size).sum(); i++) {
			for (List<EventEnvelope> events : perLedger) {
				if (i < events.size()) {
					all.add(events.get(i));
				}
			}
		}
		return all;
	}

	/** A copy of every read-model table, to compare with after the swap. */
	private static void snapshot(ReadModelDb db, String schema) {
		db.jdbc().execute("create schema " + schema);
		for (String table : ReadModelSchema.TABLES) {
			db.jdbc().execute("create table " + schema + "." + table + " as select * from read_model." + table);
		}
	}

}
