package io.laas.projector.projection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** Which database failures blame a record (halt its ledger) and which retry the batch. */
class RefusalTest {

	@Test
	void dataExceptions_integrityViolations_andIndexRowTooLarge_areRefusals() {
		for (String state : new String[] { "22008", "22003", "22021", "23505", "23514", "54000" }) {
			assertThat(Refusal.isRefusal(state)).as(state).isTrue();
		}
	}

	@Test
	void connectionLossConflictsShutdownsAndAccessErrors_areTransient() {
		for (String state : new String[] { "08006", "40001", "40P01", "57P01", "57P03", "53300", "55P03", "42501",
				"42P01", "XX000", "54001", null, "" }) {
			assertThat(Refusal.isRefusal(state)).as(String.valueOf(state)).isFalse();
		}
	}

	@Test
	void refusal_isFoundInTheCauseChain_ofSpringsTranslatedException() {
		SQLException sql = new SQLException("ERROR: date/time field value out of range", "22008");
		assertThat(Refusal.of(new DataIntegrityViolationException("COPY", sql))).contains(sql);
		assertThat(Refusal.of(new IllegalStateException("expected to write 2 rows but wrote 1"))).isEmpty();
		assertThat(Refusal.of(new DataIntegrityViolationException("x", new SQLException("conflict", "40001"))))
			.isEmpty();
	}

}
