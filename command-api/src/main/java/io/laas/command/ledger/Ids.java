package io.laas.command.ledger;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New ids for transactions, accounts and events: UUID version 7 (RFC 9562), time-ordered so that new rows land at
 * the right edge of their b-tree indexes, with 74 random bits from {@link ThreadLocalRandom}. Ids are identifiers,
 * not secrets (access is checked on every read), so they need not come from the shared, contended
 * {@code SecureRandom} behind {@link UUID#randomUUID()}.
 */
public final class Ids {

	private Ids() {
	}

	public static UUID next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long millis = System.currentTimeMillis();
		long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

}
