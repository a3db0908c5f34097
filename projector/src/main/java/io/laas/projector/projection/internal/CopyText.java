package io.laas.projector.projection.internal;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent with {@code COPY ... FROM STDIN}: the fastest way to insert many
 * rows (no per-row statement, no array literals to parse), and still inside the caller's transaction because it
 * uses the transaction's own connection. Numerics are written as plain strings, instants in ISO-8601.
 */
final class CopyText {

	private final StringBuilder text = new StringBuilder(64 * 1024);

	private int rows;

	private boolean rowStarted;

	/** Adds one row; {@code null} is SQL NULL. */
	CopyText row(Object... values) {
		this.rowStarted = false;
		for (Object value : values) {
			field(value);
		}
		this.text.append('\n');
		this.rows++;
		return this;
	}

	int rows() {
		return this.rows;
	}

	/** Copies the rows into {@code table (columns)} and checks that all of them arrived. */
	void copyInto(Connection connection, String tableAndColumns) throws SQLException {
		if (this.rows == 0) {
			return;
		}
		long copied;
		try {
			copied = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + tableAndColumns + " from stdin",
						new ByteArrayInputStream(this.text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.io.IOException ex) {
			throw new SQLException("COPY into " + tableAndColumns + " failed", ex);
		}
		if (copied != this.rows) {
			throw new IllegalStateException("COPY into " + tableAndColumns + " wrote " + copied + " of " + this.rows
					+ " rows");
		}
	}

	private static boolean needsEscaping(String plain) {
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				return true;
			}
		}
		return false;
	}

	private void field(Object value) {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
		if (value == null) {
			this.text.append("\\N");
			return;
		}
		String plain = (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
		if (!needsEscaping(plain)) {
			// The common case (ids, codes, numbers, instants): one bulk append instead of a char at a time.
			this.text.append(plain);
			return;
		}
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
	}

}
