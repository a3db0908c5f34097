package io.laas.infra;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use and stopped when the JVM exits. Every
 * test class of a module shares them: each test isolates itself with its own ledger (and its own replication slot
 * or consumer group), not with its own servers, which take seconds to start.
 */
public final class TestInfra {

	private static TestInfra instance;

	private final LocalPostgres postgres;

	private final LocalKafka kafka;

	private TestInfra(LocalPostgres postgres, LocalKafka kafka) {
		this.postgres = postgres;
		this.kafka = kafka;
	}

	public static synchronized TestInfra get() {
		if (instance == null) {
			LocalPostgres postgres = LocalPostgres.start(LocalPostgres.Options.forTests());
			LocalKafka kafka = LocalKafka.start(LocalKafka.Options.forTests());
			instance = new TestInfra(postgres, kafka);
		}
		return instance;
	}

	public LocalPostgres postgres() {
		return this.postgres;
	}

	public LocalKafka kafka() {
		return this.kafka;
	}

	public String jdbcUrl() {
		return this.postgres.jdbcUrl();
	}

	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	/**
	 * Points Spring Boot applications started in this JVM at these servers through system properties, which take
	 * precedence over application.yml. {@code spring.datasource.*} and {@code laas.database.username/password} are
	 * the owner (a superuser here); {@code laas.database.app-username/app-password} the application role that
	 * command-api serves requests as, subject to row-level security.
	 */
	public TestInfra exportSpringProperties() {
		System.setProperty("spring.datasource.url", jdbcUrl());
		System.setProperty("spring.datasource.username", this.postgres.user());
		System.setProperty("spring.datasource.password", this.postgres.password());
		System.setProperty("spring.kafka.bootstrap-servers", bootstrapServers());
		System.setProperty("laas.database.url", jdbcUrl());
		System.setProperty("laas.database.username", this.postgres.user());
		System.setProperty("laas.database.password", this.postgres.password());
		System.setProperty("laas.database.app-username", this.postgres.appUser());
		System.setProperty("laas.database.app-password", this.postgres.appPassword());
		System.setProperty("laas.kafka.bootstrap", bootstrapServers());
		return this;
	}

}
