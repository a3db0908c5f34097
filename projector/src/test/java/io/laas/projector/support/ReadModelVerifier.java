package io.laas.projector.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.projector.support.ReferenceLedger.Totals;

/** Compares the read model of some ledgers with their {@link ReferenceLedger}s: every total, every status. */
public final class ReadModelVerifier {

	private final ReadModelDb db;

	public ReadModelVerifier(ReadModelDb db) {
		this.db = db;
	}

	public void assertMatchesReference(List<LedgerScript> ledgers) {
		for (LedgerScript ledger : ledgers) {
			UUID id = ledger.ledgerId();
			assertThat(this.db.lastSequence(id)).as("last sequence of %s", id).isEqualTo(ledger.lastSequence());
			assertThat(this.db.count("select count(*) from read_model.ledger_progress where ledger_id = ? "
					+ "and halted_sequence is not null", id)).as("halted %s", id).isZero();
			ledger.reference().accounts().forEach((code, expected) -> {
				Totals actual = this.db.totals(id, code);
				assertThat(actual.debitsPosted()).as("%s %s debits posted", id, code)
					.isEqualByComparingTo(expected.debitsPosted());
				assertThat(actual.creditsPosted()).as("%s %s credits posted", id, code)
					.isEqualByComparingTo(expected.creditsPosted());
				assertThat(actual.debitsPending()).as("%s %s debits pending", id, code)
					.isEqualByComparingTo(expected.debitsPending());
				assertThat(actual.creditsPending()).as("%s %s credits pending", id, code)
					.isEqualByComparingTo(expected.creditsPending());
			});
			Map<UUID, String> statuses = new HashMap<>();
			this.db.rows("select transaction_id, status from read_model.transactions where ledger_id = ?", id)
				.forEach((row) -> statuses.put((UUID) row.get("transaction_id"), (String) row.get("status")));
			assertThat(statuses).as("transaction statuses of %s", id).isEqualTo(ledger.reference().statuses());
			assertThat(this.db.count("select count(*) from read_model.postings where ledger_id = ?", id))
				.as("posting rows of %s", id)
				.isEqualTo(ledger.reference().postingRows());
		}
	}

}
