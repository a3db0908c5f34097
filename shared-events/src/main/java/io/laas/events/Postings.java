package io.laas.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The double-entry invariant, checked wherever postings are built or read back (the command side before it
 * appends, every consumer after it deserialises). A violation here is a bug, not a user error: it throws.
 */
public final class Postings {

	private Postings() {
	}

	/** Debits minus credits per currency; every value is zero for a balanced list. */
	public static Map<String, BigDecimal> netByCurrency(List<Posting> postings) {
		Map<String, BigDecimal> net = new TreeMap<>();
		for (Posting p : postings) {
			BigDecimal signed = p.direction() == Direction.DEBIT ? p.amount() : p.amount().negate();
			net.merge(p.currency(), signed, BigDecimal::add);
		}
		return net;
	}

	/** Throws if the list has fewer than two postings or if debits differ from credits in any currency. */
	public static List<Posting> requireBalanced(List<Posting> postings) {
		if (postings == null || postings.size() < 2) {
			throw new IllegalStateException("a transaction needs at least two postings");
		}
		netByCurrency(postings).forEach((currency, net) -> {
			if (net.signum() != 0) {
				throw new IllegalStateException("postings do not balance in " + currency + ": debits - credits = " + net);
			}
		});
		return List.copyOf(postings);
	}

}
