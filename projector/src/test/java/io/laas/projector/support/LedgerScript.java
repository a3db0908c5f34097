package io.laas.projector.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.AccountCreated;
import io.laas.events.AccountUpdated;
import io.laas.events.Direction;
import io.laas.events.EventEnvelope;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * Writes one ledger's event stream as the command side would: gap-free sequences from 1, fresh event ids,
 * microsecond timestamps (what PostgreSQL stores) that grow with the sequence. Every event also goes through the
 * {@link ReferenceLedger}, the test's independent idea of what the balances must be.
 */
public final class LedgerScript {

	private static final Instant EPOCH = Instant.parse("2026-03-01T09:00:00Z");

	private final UUID ledgerId;

	private final List<EventEnvelope> events = new ArrayList<>();

	private final ReferenceLedger reference = new ReferenceLedger();

	private final java.util.Map<String, UUID> accountIds = new java.util.HashMap<>();

	private final java.util.Map<String, String> currencies = new java.util.HashMap<>();

	private long sequence;

	public LedgerScript() {
		this(UUID.randomUUID());
	}

	public LedgerScript(UUID ledgerId) {
		this.ledgerId = ledgerId;
	}

	public UUID ledgerId() {
		return this.ledgerId;
	}

	public List<EventEnvelope> events() {
		return this.events;
	}

	public ReferenceLedger reference() {
		return this.reference;
	}

	public long lastSequence() {
		return this.sequence;
	}

	public EventEnvelope open(String code, String type, String currency) {
		UUID id = UUID.randomUUID();
		this.accountIds.put(code, id);
		this.currencies.put(code, currency);
		return append(new AccountCreated(id, code, "Account " + code, type, currency, null,
				List.of("debits_must_not_exceed_credits"), Map.of("opened-by", "test")));
	}

	public EventEnvelope rename(String code, String name, Map<String, String> metadata) {
		return append(new AccountUpdated(this.accountIds.get(code), code, name, metadata));
	}

	/** Posts {@code amount} from {@code debit} to {@code credit} (amount as written: its scale is kept). */
	public EventEnvelope post(UUID transactionId, String debit, String credit, String amount) {
		return append(new TransactionPosted(transactionId, "ext-" + transactionId, "transfer",
				Map.of("k", "v"), legs(debit, credit, amount)));
	}

	public EventEnvelope pending(UUID transactionId, String debit, String credit, String amount) {
		return append(new TransactionPending(transactionId, "hold-" + transactionId, "hold", Map.of(),
				legs(debit, credit, amount), EPOCH.plus(30, ChronoUnit.DAYS)));
	}

	public EventEnvelope postPending(UUID transactionId, String debit, String credit, String reserved,
			String posted) {
		return append(new TransactionPostedFromPending(transactionId, legs(debit, credit, posted),
				legs(debit, credit, reserved)));
	}

	public EventEnvelope voidPending(UUID transactionId, String debit, String credit, String reserved,
			String reason) {
		return append(new TransactionVoided(transactionId, reason, legs(debit, credit, reserved)));
	}

	/** Reverses a posting of {@code amount} from {@code debit} to {@code credit}: the mirror swaps the sides. */
	public EventEnvelope reverse(UUID reversalId, UUID originalId, String debit, String credit, String amount) {
		return append(new TransactionReversed(reversalId, originalId, "refund", Map.of(),
				legs(credit, debit, amount)));
	}

	public EventEnvelope append(LedgerEvent payload) {
		this.sequence++;
		Instant recorded = EPOCH.plus(this.sequence * 1_001, ChronoUnit.MICROS);
		EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), this.ledgerId, this.sequence,
				recorded.minusSeconds(60), recorded, payload);
		this.events.add(envelope);
		this.reference.apply(payload);
		return envelope;
	}

	private List<Posting> legs(String debit, String credit, String amount) {
		BigDecimal value = new BigDecimal(amount);
		return List.of(new Posting(this.accountIds.get(debit), debit, Direction.DEBIT, value, this.currencies.get(debit)),
				new Posting(this.accountIds.get(credit), credit, Direction.CREDIT, value, this.currencies.get(credit)));
	}

}
