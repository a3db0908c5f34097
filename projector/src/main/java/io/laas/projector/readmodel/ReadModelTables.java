package io.laas.projector.readmodel;

import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Operations on the read model as a whole. */
@Component
public class ReadModelTables {

	private final JdbcTemplate jdbc;

	public ReadModelTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Empties every read-model table in one statement (Flyway's history stays). */
	public void truncateAll() {
		String tables = ReadModelSchema.TABLES.stream()
			.map((table) -> ReadModelSchema.SCHEMA + "." + table)
			.collect(Collectors.joining(", "));
		this.jdbc.execute("truncate table " + tables);
	}

}
