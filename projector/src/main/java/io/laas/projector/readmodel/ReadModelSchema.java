package io.laas.projector.readmodel;

import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Flyway at the projector's migrations and schema whatever {@code spring.flyway.*} says: when command-api's
 * tests run this application in their JVM, their {@code application.yml} (locations {@code db/migration}, schema
 * {@code public}) is the one on the classpath, and migrating their scripts from here would be wrong. The history
 * table lives in {@code read_model}, so it never collides with command-api's in {@code public}.
 *
 * <p><b>Migrations never name the schema.</b> Flyway runs them with {@code search_path} set to the schema being
 * migrated, so unqualified names land there; where a statement needs the schema's name (a {@code grant ... on
 * schema}, {@code alter default privileges in schema}), it writes {@code ${flyway:defaultSchema}}. That is what
 * lets a replay build a second, identical read model in {@value #NEXT} from the very same migrations (grants and
 * row-level security included) and swap it in. {@code MigrationsTest} holds every migration to it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelSchema {

	public static final String SCHEMA = "read_model";

	/** Where a replay builds the read model it swaps in. */
	public static final String NEXT = "read_model_next";

	/** A replaced read model is kept as {@code read_model_old_<yyyyMMdd_HHmmss>} until the next replay. */
	public static final String OLD_PREFIX = "read_model_old_";

	public static final String MIGRATIONS = "classpath:db/projector";

	/** Every table of the read model, in an order that a TRUNCATE accepts. */
	public static final List<String> TABLES = List.of("ledger_progress", "accounts", "transactions", "postings",
			"transaction_history");

	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	@Bean
	FlywayConfigurationCustomizer readModelFlyway() {
		return (configuration) -> configure(configuration, SCHEMA);
	}

	/** Before migrating: accept the one migration whose text changed on purpose (see {@link LegacyChecksums}). */
	@Bean
	FlywayMigrationStrategy readModelMigration() {
		return (flyway) -> {
			LegacyChecksums.realign(flyway.getConfiguration().getDataSource(), SCHEMA);
			flyway.migrate();
		};
	}

	/**
	 * Creates {@code schema} and runs every read-model migration into it, with its own history table: the same DDL,
	 * grants and policies as the live read model.
	 */
	public static void migrate(DataSource dataSource, String schema) {
		configure(Flyway.configure().dataSource(dataSource), requireName(schema)).load().migrate();
	}

	/** {@code sql} written against {@code read_model.} rewritten against {@code schema}. */
	public static String inSchema(String sql, String schema) {
		return sql.replace(SCHEMA + ".", requireName(schema) + ".");
	}

	/** Schema names are spliced into SQL: only plain lower-case identifiers are accepted. */
	public static String requireName(String schema) {
		if (schema == null || !NAME.matcher(schema).matches()) {
			throw new IllegalArgumentException("not a plain schema name: " + schema);
		}
		return schema;
	}

	private static FluentConfiguration configure(FluentConfiguration configuration, String schema) {
		return configuration.locations(MIGRATIONS).schemas(schema).defaultSchema(schema).createSchemas(true);
	}

}
