package io.laas.projector.projection.internal;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a write the database refused because of what a record says (retrying cannot help: the record must halt
 * its ledger) from a failure of the moment (retrying the batch is right). Classified by SQLState:
 * <ul>
 * <li>class 22, data exception (a timestamp in year 0, a number out of a column's range, text with a NUL byte or
 * too long), class 23, integrity constraint violation (a check, a unique key, a not-null), and 54000, program limit
 * exceeded (an index row too large): the same record fails the same way every time. <b>Refused.</b>
 * <li>everything else, among them 08 (connection), 40001 / 40P01 (serialization failure, deadlock), 53 (out of
 * resources), 55P03 (lock not available), 57P01 / 57P03 (admin shutdown, cannot connect now), and class 42 (syntax
 * error or access rule violation: a missing grant or table fails every record alike, so blaming the first one would
 * halt every ledger in turn; it is an operator's problem and stays loud as a failed batch): <b>transient</b>, the
 * whole batch is retried as before.
 * </ul>
 * Failures without an SQLState (a broken invariant in {@link Changes} or the writer's row-count check) stay
 * transient too: they are bugs, and fail loudly.
 */
public final class Refusal {

	private Refusal() {
	}

	/** The database's refusal inside {@code failure}, if that is what it is. */
	public static Optional<SQLException> of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && isRefusal(sql.getSQLState())) {
				return Optional.of(sql);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	static boolean isRefusal(String sqlState) {
		if (sqlState == null || sqlState.length() != 5) {
			return false;
		}
		return sqlState.startsWith("22") || sqlState.startsWith("23") || sqlState.equals("54000");
	}

}
