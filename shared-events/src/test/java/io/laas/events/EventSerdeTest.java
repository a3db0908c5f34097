package io.laas.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSerdeTest {

	@Test
	void amounts_travelAsDecimalStrings_neverJsonNumbers() {
		String json = EventSerde.toJson(SampleEvents.envelope(EventType.TRANSACTION_POSTED, 1));
		assertThat(json).contains("\"amount\":\"100.00\"").doesNotContain("\"amount\":100");
	}

	@Test
	void fromBytes_rejectsAnUnbalancedTransaction_soAConsumerNeverAppliesIt() {
		String json = EventSerde.toJson(SampleEvents.envelope(EventType.TRANSACTION_POSTED, 1))
			.replaceFirst("\"amount\":\"100.00\"", "\"amount\":\"100.01\"");
		assertThatThrownBy(() -> EventSerde.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(EventReadException.class)
			.hasMessageContaining("do not balance");
	}

	@Test
	void fromBytes_rejectsGarbageWithAnEventReadException() {
		assertThatThrownBy(() -> EventSerde.fromBytes("not json".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(EventReadException.class);
		assertThatThrownBy(() -> EventSerde.fromBytes("{\"event_type\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(EventReadException.class);
	}

	@Test
	void fromBytes_rejectsAnUnknownSchemaVersion() {
		String json = EventSerde.toJson(SampleEvents.envelope(EventType.ACCOUNT_CREATED, 1))
			.replace("\"schema_version\":1", "\"schema_version\":99");
		assertThatThrownBy(() -> EventSerde.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(EventReadException.class)
			.hasMessageContaining("v99");
	}

	@Test
	void postings_mustBalancePerCurrency_notJustInTotal() {
		List<Posting> mixed = List.of(
				new Posting(SampleEvents.CASH, "cash", Direction.DEBIT, new BigDecimal("10.00"), "USD"),
				new Posting(SampleEvents.REVENUE, "revenue", Direction.CREDIT, new BigDecimal("10.00"), "EUR"));
		assertThatThrownBy(() -> Postings.requireBalanced(mixed)).hasMessageContaining("do not balance");
	}

}
