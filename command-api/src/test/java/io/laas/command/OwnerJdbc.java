package io.laas.command;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.laas.infra.TestInfra;

/** One small pool per test JVM on the owner's credentials, for tests that inspect the database past row-level security. */
final class OwnerJdbc {

	private static JdbcTemplate jdbc;

	private OwnerJdbc() {
	}

	static synchronized JdbcTemplate get() {
		if (jdbc == null) {
			TestInfra infra = TestInfra.get();
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(infra.jdbcUrl());
			dataSource.setUsername(infra.postgres().user());
			dataSource.setPassword(infra.postgres().password());
			dataSource.setMaximumPoolSize(4);
			dataSource.setPoolName("test-owner");
			jdbc = new JdbcTemplate(dataSource);
		}
		return jdbc;
	}

}
