package io.laas.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fixed, fully populated example per event type, used by the approval tests. */
final class SampleEvents {

	static final UUID LEDGER = UUID.fromString("0d4f2a9e-6c1b-4f57-9a53-5f1b2c3d4e5f");

	static final UUID CASH = UUID.fromString("11111111-1111-4111-8111-111111111111");

	static final UUID REVENUE = UUID.fromString("22222222-2222-4222-8222-222222222222");

	static final UUID TX = UUID.fromString("33333333-3333-4333-8333-333333333333");

	static final UUID TX2 = UUID.fromString("44444444-4444-4444-8444-444444444444");

	static final Instant OCCURRED = Instant.parse("2026-11-24T10:15:30.123456Z");

	static final Instant RECORDED = Instant.parse("2026-11-24T10:15:31.000001Z");

	private SampleEvents() {
	}

	static List<Posting> cashSale(String amount) {
		return List.of(new Posting(CASH, "cash", Direction.DEBIT, new BigDecimal(amount), "USD"),
				new Posting(REVENUE, "revenue", Direction.CREDIT, new BigDecimal(amount), "USD"));
	}

	static LedgerEvent sample(EventType type) {
		return switch (type) {
			case ACCOUNT_CREATED -> new AccountCreated(CASH, "cash", "Cash", "asset", "USD", null,
					List.of("debits_must_not_exceed_credits"), Map.of("region", "eu", "desk", "a"));
			case ACCOUNT_UPDATED -> new AccountUpdated(CASH, "cash", "Cash at bank", Map.of("region", "us"));
			case TRANSACTION_POSTED -> new TransactionPosted(TX, "order-42", "Sale", Map.of("order", "42"),
					cashSale("100.00"));
			case TRANSACTION_PENDING -> new TransactionPending(TX, "hold-7", "Card hold", Map.of(), cashSale("25.50"),
					Instant.parse("2026-11-25T10:00:00Z"));
			case TRANSACTION_POSTED_FROM_PENDING -> new TransactionPostedFromPending(TX, cashSale("20.00"),
					cashSale("25.50"));
			case TRANSACTION_VOIDED -> new TransactionVoided(TX, "expired", cashSale("25.50"));
			case TRANSACTION_REVERSED -> new TransactionReversed(TX2, TX, "Refund of order 42", Map.of(),
					List.of(new Posting(CASH, "cash", Direction.CREDIT, new BigDecimal("100.00"), "USD"),
							new Posting(REVENUE, "revenue", Direction.DEBIT, new BigDecimal("100.00"), "USD")));
		};
	}

	static EventEnvelope envelope(EventType type, long sequence) {
		return EventEnvelope.of(UUID.nameUUIDFromBytes(("event-" + type).getBytes()), LEDGER, sequence, OCCURRED,
				RECORDED, sample(type));
	}

}
