package io.laas.projector.projection.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Binds whole columns as text arrays, so that one {@code INSERT ... SELECT FROM unnest(...)} writes a batch in a
 * single round trip; the SQL casts each array to its column type. Text keeps numerics exact (plain strings, never
 * scientific notation) and instants in ISO-8601, which PostgreSQL parses as {@code timestamptz}.
 */
final class SqlArrays {

	private final Connection connection;

	private final PreparedStatement statement;

	private int index;

	SqlArrays(Connection connection, PreparedStatement statement) {
		this.connection = connection;
		this.statement = statement;
	}

	/** Binds the next parameter to the column {@code column} of {@code rows}, {@code null} elements allowed. */
	<T> SqlArrays column(List<T> rows, Function<T, ?> column) throws SQLException {
		String[] values = new String[rows.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = text(column.apply(rows.get(i)));
		}
		Array array = this.connection.createArrayOf("text", values);
		this.statement.setArray(++this.index, array);
		return this;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

}
