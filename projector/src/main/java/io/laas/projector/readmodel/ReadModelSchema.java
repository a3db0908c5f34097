package io.laas.projector.readmodel;

import java.util.List;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points Flyway at the projector's migrations and schema whatever {@code spring.flyway.*} says: when command-api's
 * tests run this application in their JVM, their {@code application.yml} (locations {@code db/migration}, schema
 * {@code public}) is the one on the classpath, and migrating their scripts from here would be wrong. The history
 * table lives in {@code read_model}, so it never collides with command-api's in {@code public}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelSchema {

	public static final String SCHEMA = "read_model";

	public static final String MIGRATIONS = "classpath:db/projector";

	/** Every table of the read model, in an order that a TRUNCATE accepts. */
	public static final List<String> TABLES = List.of("ledger_progress", "accounts", "transactions", "postings",
			"transaction_history");

	@Bean
	FlywayConfigurationCustomizer readModelFlyway() {
		return (configuration) -> configuration.locations(MIGRATIONS)
			.schemas(SCHEMA)
			.defaultSchema(SCHEMA)
			.createSchemas(true);
	}

}
