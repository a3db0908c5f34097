package io.laas.projector.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random but reproducible ledger histories: four accounts, then posts, holds, partial posts, voids and reversals in
 * a mix that exercises every event type, with amounts that carry their currency's scale.
 */
public final class Workloads {

	private static final String[] CODES = { "cash", "revenue", "payable", "fees" };

	private Workloads() {
	}

	public static List<LedgerScript> random(int ledgers, int eventsPerLedger, long seed) {
		Random random = new Random(seed);
		List<LedgerScript> scripts = new ArrayList<>();
		for (int i = 0; i < ledgers; i++) {
			scripts.add(history(random, eventsPerLedger));
		}
		return scripts;
	}

	private record Hold(UUID id, String debit, String credit, String amount) {
	}

	private static LedgerScript history(Random random, int events) {
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("revenue", "revenue", "USD");
		ledger.open("payable", "liability", "USD");
		ledger.open("fees", "expense", "USD");
		List<Hold> holds = new ArrayList<>();
		List<Hold> posted = new ArrayList<>();
		while (ledger.lastSequence() < events) {
			int dice = random.nextInt(100);
			String debit = CODES[random.nextInt(CODES.length)];
			String credit = CODES[(java.util.Arrays.asList(CODES).indexOf(debit) + 1 + random.nextInt(3)) % 4];
			String amount = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 2).toPlainString();
			if (dice < 55) {
				UUID id = UUID.randomUUID();
				ledger.post(id, debit, credit, amount);
				posted.add(new Hold(id, debit, credit, amount));
			}
			else if (dice < 72) {
				UUID id = UUID.randomUUID();
				ledger.pending(id, debit, credit, amount);
				holds.add(new Hold(id, debit, credit, amount));
			}
			else if (dice < 84 && !holds.isEmpty()) {
				Hold hold = holds.remove(random.nextInt(holds.size()));
				BigDecimal reserved = new BigDecimal(hold.amount());
				// Post between 1 cent and the whole reservation.
				BigDecimal part = reserved.multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2))
					.setScale(2, java.math.RoundingMode.DOWN)
					.max(new BigDecimal("0.01"));
				ledger.postPending(hold.id(), hold.debit(), hold.credit(), hold.amount(), part.toPlainString());
				posted.add(new Hold(hold.id(), hold.debit(), hold.credit(), part.toPlainString()));
			}
			else if (dice < 90 && !holds.isEmpty()) {
				Hold hold = holds.remove(random.nextInt(holds.size()));
				ledger.voidPending(hold.id(), hold.debit(), hold.credit(), hold.amount(),
						random.nextBoolean() ? "voided" : "expired");
			}
			else if (!posted.isEmpty()) {
				Hold original = posted.remove(random.nextInt(posted.size()));
				ledger.reverse(UUID.randomUUID(), original.id(), original.debit(), original.credit(), original.amount());
			}
		}
		return ledger;
	}

}
