package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;

/** (c) The relay is at-least-once: the same envelope may arrive twice, and must count once. */
@ExtendWith(InfraExtension.class)
class DuplicateDeliveryTest {

	private static final String TOPIC = Projectors.uniqueTopic("duplicates");

	private static ConfigurableApplicationContext projector;

	private static Publisher publisher;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(TOPIC, "duplicates-" + UUID.randomUUID());
		publisher = new Publisher(TOPIC);
	}

	@AfterAll
	static void stop() {
		publisher.close();
		projector.close();
	}

	@Test
	void sameEnvelopeDeliveredTwice_isAppliedOnce_andCountedAsDuplicate() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		EventEnvelope first = ledger.post(UUID.randomUUID(), "cash", "sales", "10.00");
		EventEnvelope second = ledger.post(UUID.randomUUID(), "cash", "sales", "2.50");
		EventEnvelope third = ledger.post(UUID.randomUUID(), "cash", "sales", "0.01");
		List<EventEnvelope> events = ledger.events();
		double duplicatesBefore = duplicates();

		// A relay restarting after a crash replays a suffix of what it already sent, possibly in the same poll.
		publisher.sendAll(List.of(events.get(0), events.get(1), first, first, second));
		publisher.sendAll(List.of(events.get(0), first, second, third, second, third));
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.db.lastSequence(ledger.ledgerId()) == 5 && duplicates() - duplicatesBefore >= 6);

		assertThat(this.db.totalsText(ledger.ledgerId(), "cash")).containsExactly("12.51", "0", "0", "0");
		assertThat(this.db.count("select count(*) from read_model.transactions where ledger_id = ?", ledger.ledgerId()))
			.isEqualTo(3);
		assertThat(this.db.count("select count(*) from read_model.postings where ledger_id = ?", ledger.ledgerId()))
			.isEqualTo(6);
		assertThat(this.db.count("select count(*) from read_model.transaction_history where ledger_id = ?",
				ledger.ledgerId())).isEqualTo(3);
		assertThat(duplicates() - duplicatesBefore).isEqualTo(6);
	}

	private static double duplicates() {
		return projector.getBean(MeterRegistry.class).counter("laas.projector.events.duplicates").count();
	}

}
