package io.laas.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.infra.InfraExtension;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import io.laas.projector.support.ReadModelDb;

/** (b) Pending transactions, partial posts, voids and reversals. */
@ExtendWith(InfraExtension.class)
class TwoPhaseTransactionTest {

	private static final String TOPIC = Projectors.uniqueTopic("two-phase");

	private static ConfigurableApplicationContext projector;

	private static Publisher publisher;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(TOPIC, "two-phase-" + UUID.randomUUID());
		publisher = new Publisher(TOPIC);
	}

	@AfterAll
	static void stop() {
		publisher.close();
		projector.close();
	}

	@Test
	void pending_reservesPendingTotals_andPartialPost_movesPostedAmount_andReleasesWholeReservation() {
		LedgerScript ledger = opened();
		UUID hold = UUID.randomUUID();
		ledger.pending(hold, "card", "merchant", "100.00");
		publishAndAwait(ledger);
		assertThat(this.db.totalsText(ledger.ledgerId(), "card")).containsExactly("0", "0", "100.00", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "merchant")).containsExactly("0", "0", "0", "100.00");
		assertThat(status(hold)).isEqualTo("pending");

		ledger.postPending(hold, "card", "merchant", "100.00", "62.35");
		publishAndAwait(ledger);
		assertThat(this.db.totalsText(ledger.ledgerId(), "card")).containsExactly("62.35", "0", "0.00", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "merchant")).containsExactly("0", "62.35", "0", "0.00");
		assertThat(status(hold)).isEqualTo("posted");
		assertThat(this.db.row("select postings::text as p from read_model.transactions where transaction_id = ?", hold)
			.get("p")
			.toString()).contains("\"62.35\"").doesNotContain("\"100.00\"");
		assertThat(legs(hold)).containsExactly("0 pending debit card 100.00 seq 3", "0 posted debit card 62.35 seq 4",
				"0 released debit card 100.00 seq 4", "1 pending credit merchant 100.00 seq 3",
				"1 posted credit merchant 62.35 seq 4", "1 released credit merchant 100.00 seq 4");
		assertThat(history(hold)).containsExactly("3 pending", "4 posted");
	}

	@Test
	void void_releasesReservation_andMarksTransactionVoided_withItsReason() {
		LedgerScript ledger = opened();
		UUID kept = UUID.randomUUID();
		UUID voided = UUID.randomUUID();
		ledger.pending(kept, "card", "merchant", "5.00");
		ledger.pending(voided, "card", "merchant", "7.25");
		ledger.voidPending(voided, "card", "merchant", "7.25", "expired");
		publishAndAwait(ledger);

		assertThat(this.db.totalsText(ledger.ledgerId(), "card")).containsExactly("0", "0", "5.00", "0");
		assertThat(status(voided)).isEqualTo("voided");
		assertThat(this.db.row("select void_reason from read_model.transactions where transaction_id = ?", voided))
			.containsEntry("void_reason", "expired");
		assertThat(history(voided)).containsExactly("4 pending", "5 voided");
		assertThat(status(kept)).isEqualTo("pending");
	}

	@Test
	void reversal_postsMirrorTransaction_andMarksOriginalReversed_withLinksBothWays() {
		LedgerScript ledger = opened();
		UUID original = UUID.randomUUID();
		UUID reversal = UUID.randomUUID();
		ledger.post(original, "card", "merchant", "19.99");
		publishAndAwait(ledger);
		ledger.reverse(reversal, original, "card", "merchant", "19.99");
		publishAndAwait(ledger);

		assertThat(this.db.totalsText(ledger.ledgerId(), "card")).containsExactly("19.99", "19.99", "0", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "merchant")).containsExactly("19.99", "19.99", "0", "0");
		assertThat(this.db.row("select status, reversed_by_transaction_id from read_model.transactions "
				+ "where transaction_id = ?", original))
			.containsEntry("status", "reversed")
			.containsEntry("reversed_by_transaction_id", reversal);
		assertThat(this.db.row("select status, reverses_transaction_id, sequence from read_model.transactions "
				+ "where transaction_id = ?", reversal))
			.containsEntry("status", "posted")
			.containsEntry("reverses_transaction_id", original)
			.containsEntry("sequence", 4L);
		assertThat(history(original)).containsExactly("3 posted", "4 reversed");
		assertThat(history(reversal)).containsExactly("4 posted");
		assertThat(legs(reversal)).containsExactly("0 posted debit merchant 19.99 seq 4",
				"1 posted credit card 19.99 seq 4");
	}

	@Test
	void wholeLifecycle_inOneBatch_endsInTheSameStateAsEventByEvent() {
		LedgerScript ledger = opened();
		UUID hold = UUID.randomUUID();
		UUID reversal = UUID.randomUUID();
		ledger.pending(hold, "card", "merchant", "30.00");
		ledger.postPending(hold, "card", "merchant", "30.00", "30.00");
		ledger.reverse(reversal, hold, "card", "merchant", "30.00");
		publishAndAwait(ledger);

		assertThat(this.db.totalsText(ledger.ledgerId(), "card")).containsExactly("30.00", "30.00", "0.00", "0");
		assertThat(status(hold)).isEqualTo("reversed");
		assertThat(history(hold)).containsExactly("3 pending", "4 posted", "5 reversed");
	}

	private LedgerScript opened() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("card", "asset", "USD");
		ledger.open("merchant", "liability", "USD");
		return ledger;
	}

	private String status(UUID transactionId) {
		return (String) this.db.row("select status from read_model.transactions where transaction_id = ?",
				transactionId).get("status");
	}

	private List<String> legs(UUID transactionId) {
		return this.db.jdbc()
			.query("select ordinal, status, direction, account_code, amount::text, sequence from read_model.postings "
					+ "where transaction_id = ? order by ordinal, status", (rs, i) -> rs.getInt(1) + " " + rs.getString(2)
							+ " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5) + " seq "
							+ rs.getLong(6), transactionId);
	}

	private List<String> history(UUID transactionId) {
		return this.db.jdbc()
			.query("select sequence, status from read_model.transaction_history where transaction_id = ? "
					+ "order by sequence", (rs, i) -> rs.getLong(1) + " " + rs.getString(2), transactionId);
	}

	private void publishAndAwait(LedgerScript ledger) {
		List<io.laas.events.EventEnvelope> unsent = ledger.events()
			.subList((int) this.db.lastSequence(ledger.ledgerId()), ledger.events().size());
		publisher.sendAll(unsent);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.db.lastSequence(ledger.ledgerId()) == ledger.lastSequence());
	}

}
