package io.laas.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** (a) Posted transactions: balances, transaction rows, posting rows and history, with exact decimals. */
@ExtendWith(InfraExtension.class)
class PostingProjectionTest {

	private static final String TOPIC = Projectors.uniqueTopic("postings");

	private static ConfigurableApplicationContext projector;

	private static Publisher publisher;

	private final ReadModelDb db = new ReadModelDb();

	@BeforeAll
	static void start() {
		projector = Projectors.start(TOPIC, "postings-" + UUID.randomUUID());
		publisher = new Publisher(TOPIC);
	}

	@AfterAll
	static void stop() {
		publisher.close();
		projector.close();
	}

	@Test
	void posting_addsExactDecimals_inEveryCurrencyScale() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("revenue", "revenue", "USD");
		ledger.open("yen", "asset", "JPY");
		ledger.open("yen-sales", "revenue", "JPY");
		ledger.open("dinar", "asset", "BHD");
		ledger.open("dinar-sales", "revenue", "BHD");
		ledger.post(UUID.randomUUID(), "cash", "revenue", "0.10");
		ledger.post(UUID.randomUUID(), "cash", "revenue", "0.20");
		ledger.post(UUID.randomUUID(), "yen", "yen-sales", "1000");
		ledger.post(UUID.randomUUID(), "yen", "yen-sales", "2501");
		ledger.post(UUID.randomUUID(), "dinar", "dinar-sales", "0.125");
		ledger.post(UUID.randomUUID(), "dinar", "dinar-sales", "1.250");
		ledger.post(UUID.randomUUID(), "dinar-sales", "dinar", "0.001");
		publishAndAwait(ledger);

		// 0.1 + 0.2 is 0.30 exactly, with the currency's scale: no binary floating point anywhere.
		assertThat(this.db.totalsText(ledger.ledgerId(), "cash")).containsExactly("0.30", "0", "0", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "revenue")).containsExactly("0", "0.30", "0", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "yen")).containsExactly("3501", "0", "0", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "dinar")).containsExactly("1.375", "0.001", "0", "0");
		assertThat(this.db.totalsText(ledger.ledgerId(), "dinar-sales")).containsExactly("0.001", "1.375", "0", "0");
		// Readers derive the balance from the normal side: asset = debits - credits.
		assertThat(this.db.count("select count(*) from read_model.accounts where ledger_id = ? and code = 'dinar' "
				+ "and debits_posted - credits_posted = 1.374", ledger.ledgerId())).isEqualTo(1);
	}

	@Test
	void posting_writesTransactionPostingsHistoryAndProgress() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "EUR");
		ledger.open("sales", "revenue", "EUR");
		UUID tx = UUID.randomUUID();
		EventEnvelope posted = ledger.post(tx, "cash", "sales", "42.50");
		publishAndAwait(ledger);

		Map<String, Object> row = this.db.row("select ledger_id, sequence, external_id, description, status, "
				+ "metadata::text as metadata, postings, occurred_at, recorded_at, reverses_transaction_id "
				+ "from read_model.transactions where transaction_id = ?", tx);
		assertThat(row.get("ledger_id")).isEqualTo(ledger.ledgerId());
		assertThat(row.get("sequence")).isEqualTo(3L);
		assertThat(row.get("external_id")).isEqualTo("ext-" + tx);
		assertThat(row.get("status")).isEqualTo("posted");
		assertThat(row.get("metadata")).isEqualTo("{\"k\": \"v\"}");
		assertThat(row.get("postings").toString()).contains("\"amount\": \"42.50\"").contains("\"direction\": \"debit\"");
		assertThat(((java.sql.Timestamp) row.get("recorded_at")).toInstant()).isEqualTo(posted.recordedAt());
		assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(posted.occurredAt());

		List<Map<String, Object>> legs = this.db.rows("select ordinal, sequence, account_code, direction, "
				+ "amount::text as amount, currency, status from read_model.postings where transaction_id = ? "
				+ "order by ordinal", tx);
		assertThat(legs).containsExactly(
				Map.of("ordinal", 0, "sequence", 3L, "account_code", "cash", "direction", "debit", "amount", "42.50",
						"currency", "EUR", "status", "posted"),
				Map.of("ordinal", 1, "sequence", 3L, "account_code", "sales", "direction", "credit", "amount", "42.50",
						"currency", "EUR", "status", "posted"));
		assertThat(this.db.rows("select sequence, status from read_model.transaction_history where transaction_id = ?",
				tx)).containsExactly(Map.of("sequence", 3L, "status", "posted"));

		Map<String, Object> progress = this.db.row("select last_sequence, last_event_id, halted_sequence "
				+ "from read_model.ledger_progress where ledger_id = ?", ledger.ledgerId());
		assertThat(progress.get("last_sequence")).isEqualTo(3L);
		assertThat(progress.get("last_event_id")).isEqualTo(posted.eventId());
		assertThat(progress.get("halted_sequence")).isNull();

		Map<String, Object> account = this.db.row("select account_id, type, currency, flags::text as flags, "
				+ "metadata::text as metadata, last_sequence from read_model.accounts where ledger_id = ? and code = 'cash'",
				ledger.ledgerId());
		assertThat(account.get("type")).isEqualTo("asset");
		assertThat(account.get("flags")).isEqualTo("{debits_must_not_exceed_credits}");
		assertThat(account.get("metadata")).isEqualTo("{\"opened-by\": \"test\"}");
		assertThat(account.get("last_sequence")).isEqualTo(3L);
	}

	@Test
	void accountUpdate_changesNameAndMetadata_andKeepsTotals() {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		ledger.post(UUID.randomUUID(), "cash", "sales", "10.00");
		ledger.rename("cash", "Cash at bank", Map.of("region", "eu"));
		publishAndAwait(ledger);

		Map<String, Object> account = this.db.row("select name, metadata::text as metadata, last_sequence, "
				+ "debits_posted::text as debits from read_model.accounts where ledger_id = ? and code = 'cash'",
				ledger.ledgerId());
		assertThat(account).containsEntry("name", "Cash at bank")
			.containsEntry("metadata", "{\"region\": \"eu\"}")
			.containsEntry("last_sequence", 4L)
			.containsEntry("debits", "10.00");
	}

	private void publishAndAwait(LedgerScript ledger) {
		publisher.sendAll(ledger.events());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.db.lastSequence(ledger.ledgerId()) == ledger.lastSequence());
	}

}
