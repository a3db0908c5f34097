package io.laas.command.isolation;

import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pool that serves requests connects as the application role, not as the owner that {@code spring.datasource}
 * names: {@code spring.datasource.url} and {@code spring.datasource.hikari.*} apply, the credentials are
 * {@code laas.database.app-username}/{@code app-password}. The owner's credentials stay for Flyway
 * ({@code spring.flyway.*}) and the CDC relay, which need to own tables and to replicate. Kept apart this way because
 * every Spring application of a test JVM shares {@code spring.datasource.*} (infra's TestInfra), and the projector
 * run beside command-api must stay the owner of its schema.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AppDataSource.AppRole.class)
public class AppDataSource {

	/**
	 * @param appUsername the role requests run as: LOGIN, not superuser, not BYPASSRLS, owner of nothing
	 * (docs/operations.md, "Database roles")
	 * @param appPassword its password
	 */
	@ConfigurationProperties("laas.database")
	public record AppRole(String appUsername, String appPassword) {

		public AppRole {
			if (appUsername == null || !appUsername.matches("[a-z_][a-z0-9_]{0,62}")) {
				throw new IllegalArgumentException("laas.database.app-username (LAAS_DATABASE_APP_USERNAME) must be a "
						+ "lower-case Postgres role name of at most 63 characters, got: " + appUsername);
			}
			appPassword = appPassword == null ? "" : appPassword;
		}

	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DataSourceProperties properties, AppRole role) {
		HikariDataSource dataSource = properties.initializeDataSourceBuilder()
			.type(HikariDataSource.class)
			.username(role.appUsername())
			.password(role.appPassword())
			.build();
		dataSource.setPoolName("laas-app");
		return dataSource;
	}

	/** Refuses to serve with a role that row-level security would not hold: fails the start with the reason. */
	@Bean
	AppRoleCheck appRoleCheck(DataSource dataSource) {
		return new AppRoleCheck(new JdbcTemplate(dataSource));
	}

	/** What the application role must not be, checked at start-up against pg_roles and pg_class. */
	public static final class AppRoleCheck {

		AppRoleCheck(JdbcTemplate jdbc) {
			List<String> problems = jdbc.queryForObject("select r.rolname, r.rolsuper, r.rolbypassrls, "
					+ "(select count(*) from pg_class c where c.relowner = r.oid and c.relnamespace in "
					+ "(select oid from pg_namespace where nspname in ('public', 'read_model', 'webhooks'))) "
					+ "from pg_roles r where r.rolname = current_user", (rs, i) -> {
						String role = rs.getString(1);
						List<String> found = new java.util.ArrayList<>();
						if (rs.getBoolean(2)) {
							found.add("is a superuser");
						}
						if (rs.getBoolean(3)) {
							found.add("has BYPASSRLS");
						}
						if (rs.getLong(4) > 0) {
							found.add("owns " + rs.getLong(4) + " tables or sequences");
						}
						return found.stream().map(p -> "role " + role + " " + p).toList();
					});
			if (problems != null && !problems.isEmpty()) {
				throw new IllegalStateException("The application database role must be subject to row-level "
						+ "security, but " + String.join(", ", problems) + ". Set LAAS_DATABASE_APP_USERNAME to the "
						+ "role created as in docs/operations.md (\"Database roles\"), not to the owner.");
			}
		}

	}

}
