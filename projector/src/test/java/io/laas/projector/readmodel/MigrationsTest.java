package io.laas.projector.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.laas.infra.InfraExtension;
import io.laas.infra.TestInfra;
import io.laas.projector.support.OwnDatabase;
import io.laas.projector.support.ReadModelDb;

/**
 * The read model's migrations must build any schema they are pointed at: a replay runs them into
 * {@code read_model_next} and swaps it in, grants and policies included.
 */
@ExtendWith(InfraExtension.class)
class MigrationsTest {

	private static final Pattern SCHEMA_NAME = Pattern.compile("\\bread_model\\b");

	@Test
	void migrations_neverNameTheReadModelSchema_butLeaveItToFlyway() throws IOException {
		Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath:db/projector/*.sql");
		assertThat(migrations).isNotEmpty();
		for (Resource migration : migrations) {
			String sql = migration.getContentAsString(StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
			assertThat(SCHEMA_NAME.matcher(sql).find())
				.as("%s names the schema read_model; write unqualified names, or ${flyway:defaultSchema} where the schema "
						+ "itself is meant (grant usage on schema ${flyway:defaultSchema} to ...)", migration.getFilename())
				.isFalse();
		}
	}

	@Test
	void databaseMigratedWithTheSchemaQualifiedV2_validatesAfterItsChecksumIsRealigned() {
		try (OwnDatabase database = new OwnDatabase("migrations")) {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(),
					TestInfra.get().postgres().user(), TestInfra.get().postgres().password());
			ReadModelSchema.migrate(dataSource, "read_model");
			ReadModelDb db = database.db();
			assertThat(db.count("select checksum from read_model.flyway_schema_history where version = '2'"))
				.as("Flyway's checksum of V2 as it is now").isEqualTo(LegacyChecksums.V2_UNQUALIFIED);
			// A database migrated before V2 lost its schema name.
			db.jdbc().update("update read_model.flyway_schema_history set checksum = ? where version = '2'",
					LegacyChecksums.V2_QUALIFIED);
			Flyway flyway = Flyway.configure()
				.dataSource(dataSource)
				.locations(ReadModelSchema.MIGRATIONS)
				.schemas("read_model")
				.defaultSchema("read_model")
				.load();
			assertThat(flyway.validateWithResult().validationSuccessful).as("before realigning").isFalse();
			LegacyChecksums.realign(dataSource, "read_model");
			assertThat(flyway.validateWithResult().validationSuccessful).as("after realigning").isTrue();
		}
	}

}
