package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;

/**
 * (d) A sequence gap halts its ledger: nothing past the gap is applied, the partition's committed offset stays at
 * the gap (so a restart meets it again), and ledgers in other partitions keep being projected.
 */
@ExtendWith(InfraExtension.class)
class SequenceGapTest {

	private static final String TOPIC = Projectors.uniqueTopic("gaps");

	private static final String GROUP = "gaps-" + UUID.randomUUID();

	private static final int PARTITIONS = 12;

	private static ConfigurableApplicationContext projector;

	private static Publisher publisher;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(TOPIC, GROUP);
		publisher = new Publisher(TOPIC);
	}

	@AfterAll
	static void stop() {
		publisher.close();
		projector.close();
	}

	@Test
	void gap_haltsItsLedger_holdsItsPartitionAtTheGap_andOtherPartitionsGoOn() throws Exception {
		LedgerScript halted = new LedgerScript();
		LedgerScript samePartition = new LedgerScript(ledgerIn(partitionOf(halted.ledgerId()), true));
		LedgerScript elsewhere = new LedgerScript(ledgerIn(partitionOf(halted.ledgerId()), false));
		for (LedgerScript ledger : new LedgerScript[] { halted, samePartition, elsewhere }) {
			ledger.open("cash", "asset", "USD");
			ledger.open("sales", "revenue", "USD");
			ledger.post(UUID.randomUUID(), "cash", "sales", "1.00");
			ledger.post(UUID.randomUUID(), "cash", "sales", "2.00");
			ledger.post(UUID.randomUUID(), "cash", "sales", "4.00");
		}
		// halted: 1, 2, 3, then 5 (4 never arrives), then 4 late — behind the gap it cannot be reached.
		publisher.sendAll(halted.events().subList(0, 3));
		RecordMetadata gap = publisher.send(halted.events().get(4));
		publisher.send(halted.events().get(3));
		publisher.sendAll(samePartition.events());
		publisher.sendAll(elsewhere.events());

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.db.lastSequence(elsewhere.ledgerId()) == 5 && haltedSequence(halted.ledgerId()) != null);

		Map<String, Object> progress = this.db.row("select last_sequence, halted_sequence, halted_reason "
				+ "from read_model.ledger_progress where ledger_id = ?", halted.ledgerId());
		assertThat(progress.get("last_sequence")).isEqualTo(3L);
		assertThat(progress.get("halted_sequence")).isEqualTo(5L);
		assertThat((String) progress.get("halted_reason")).contains("expected 4 but found 5");
		assertThat(this.db.totalsText(halted.ledgerId(), "cash")).containsExactly("1.00", "0", "0", "0");
		assertThat(this.db.totalsText(elsewhere.ledgerId(), "cash")).containsExactly("7.00", "0", "0", "0");
		assertThat(gauge("laas.projector.halted.ledgers")).isEqualTo(1.0);

		// The gap's partition is committed up to the gap record and not past it; records behind it wait.
		TopicPartition gapPartition = new TopicPartition(TOPIC, gap.partition());
		await().atMost(Duration.ofSeconds(10)).until(() -> committed(gapPartition) == gap.offset());
		assertThat(this.db.lastSequence(samePartition.ledgerId())).isZero();
		TopicPartition otherPartition = new TopicPartition(TOPIC, partitionOf(elsewhere.ledgerId()));
		assertThat(committed(otherPartition)).isGreaterThan(0);
	}

	private Long haltedSequence(UUID ledgerId) {
		var rows = this.db.rows("select halted_sequence from read_model.ledger_progress where ledger_id = ?", ledgerId);
		return rows.isEmpty() ? null : (Long) rows.get(0).get("halted_sequence");
	}

	private static double gauge(String name) {
		return projector.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	private static long committed(TopicPartition partition) throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return (offset == null) ? -1 : offset.offset();
		}
	}

	/** Kafka's default partitioner for a string key: murmur2 of its bytes. */
	private static int partitionOf(UUID ledgerId) {
		byte[] key = ledgerId.toString().getBytes(StandardCharsets.UTF_8);
		return Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
	}

	private static UUID ledgerIn(int partition, boolean same) {
		while (true) {
			UUID candidate = UUID.randomUUID();
			if ((partitionOf(candidate) == partition) == same) {
				return candidate;
			}
		}
	}

}
