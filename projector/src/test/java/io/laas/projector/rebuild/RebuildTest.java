package io.laas.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.infra.KafkaTopics;
import io.laas.infra.TestInfra;
import io.laas.projector.support.CpuMeter;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;
import io.laas.projector.support.ReferenceLedger.Totals;
import io.laas.projector.support.Workloads;

/**
 * (f) A rebuild empties the read model and replays the topic from the beginning; the result must be the live read
 * model, row for row. Also measures the replay throughput (the log line "rebuild throughput").
 */
@ExtendWith(InfraExtension.class)
class RebuildTest {

	private static final Logger log = LoggerFactory.getLogger(RebuildTest.class);

	/** Ledgers x events per ledger: large enough that start-up does not dominate the measured rate. */
	private static final int LEDGERS = Integer.getInteger("rebuild.ledgers", 200);

	private static final int EVENTS_PER_LEDGER = Integer.getInteger("rebuild.eventsPerLedger", 150);

	private final ReadModelDb db = new ReadModelDb();

	@Test
	void rebuild_fromTheTopic_yieldsIdenticalReadTables_asTheLiveProjection() {
		String topic = Projectors.uniqueTopic("rebuild");
		String group = "rebuild-" + UUID.randomUUID();
		KafkaTopics.createTopic(TestInfra.get().bootstrapServers(), topic, 12, (short) 1, Map.of());
		List<LedgerScript> ledgers = Workloads.random(LEDGERS, EVENTS_PER_LEDGER, 42);
		List<EventEnvelope> events = Publisher.interleave(ledgers);
		List<UUID> ledgerIds = ledgers.stream().map(LedgerScript::ledgerId).toList();

		// Live: the projector is running while the events arrive, in many small batches.
		try (ConfigurableApplicationContext live = Projectors.start(topic, group);
				Publisher publisher = new Publisher(topic)) {
			for (int from = 0; from < events.size(); from += 5_000) {
				publisher.sendAll(events.subList(from, Math.min(events.size(), from + 5_000)));
			}
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.db.allCaughtUp(ledgers));
		}
		Map<String, String> liveRows = this.db.fingerprint(ledgerIds);
		for (LedgerScript ledger : ledgers.subList(0, 10)) {
			ledger.reference().accounts().forEach((code, expected) -> assertExact(ledger, code, expected));
		}

		// A server in steady state recycles its WAL segments; this fresh test cluster would otherwise spend the
		// measurement creating new ones for the WAL the live run just wrote.
		this.db.jdbc().execute("checkpoint");
		// Rebuild: same group, whose committed offsets are at the end; --rebuild empties and rewinds.
		CpuMeter cpu = new CpuMeter(this.db);
		long startNanos = System.nanoTime();
		try (ConfigurableApplicationContext rebuilt = Projectors.start(topic, group, "--rebuild",
				"--laas.projector.consumers=" + Integer.getInteger("rebuild.consumers", 3))) {
			long startedNanos = System.nanoTime();
			Map<String, Double> cpuBefore = cpu.snapshot();
			MeterRegistry meters = rebuilt.getBean(MeterRegistry.class);
			long[] firstAppliedNanos = { 0 };
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> {
				double applied = meters.counter("laas.projector.events.applied").count();
				if (applied > 0 && firstAppliedNanos[0] == 0) {
					firstAppliedNanos[0] = System.nanoTime();
				}
				return applied >= events.size();
			});
			long doneNanos = System.nanoTime();
			assertThat(this.db.allCaughtUp(ledgers)).isTrue();
			double applying = (doneNanos - firstAppliedNanos[0]) / 1e9;
			double afterStart = (doneNanos - startedNanos) / 1e9;
			double withStartup = (doneNanos - startNanos) / 1e9;
			log.info("rebuild throughput: {} events over {} ledgers: {} events/s while applying ({} s), "
					+ "{} events/s from feed start ({} s), {} events/s including application start-up ({} s)",
					events.size(), LEDGERS, Math.round(events.size() / applying), String.format("%.2f", applying),
					Math.round(events.size() / afterStart), String.format("%.2f", afterStart),
					Math.round(events.size() / withStartup), String.format("%.2f", withStartup));
			Map<String, Double> cpuUsed = CpuMeter.used(cpuBefore, cpu.snapshot());
			log.info("rebuild CPU seconds from feed start: {} (of which the feed threads: {}); machine load average {}",
					cpuUsed, feedThreadCpuSeconds(),
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
		assertThat(this.db.fingerprint(ledgerIds)).isEqualTo(liveRows);
		assertThat(liveRows.get("postings")).startsWith(
				ledgers.stream().mapToInt((l) -> l.reference().postingRows()).sum() + " rows");
	}

	/** CPU time of this JVM's consumer threads, the part of the JVM's CPU that is the projector's own work. */
	private static String feedThreadCpuSeconds() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long nanos = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> t.getName().startsWith("projector-feed-"))
			.mapToLong((t) -> Math.max(0, threads.getThreadCpuTime(t.getId())))
			.sum();
		return String.format("%.2f", nanos / 1e9);
	}

	private void assertExact(LedgerScript ledger, String code, Totals expected) {
		Totals actual = this.db.totals(ledger.ledgerId(), code);
		assertThat(actual.debitsPosted()).as(code).isEqualByComparingTo(expected.debitsPosted());
		assertThat(actual.creditsPosted()).as(code).isEqualByComparingTo(expected.creditsPosted());
		assertThat(actual.debitsPending()).as(code).isEqualByComparingTo(expected.debitsPending());
		assertThat(actual.creditsPending()).as(code).isEqualByComparingTo(expected.creditsPending());
	}

}
