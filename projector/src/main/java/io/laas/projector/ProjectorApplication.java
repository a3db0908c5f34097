package io.laas.projector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.laas.projector.rebuild.ReplayCommand;

/**
 * The projector: consumes the ledger events topic and keeps the {@code read_model} tables that command-api's read
 * endpoints query.
 *
 * <p>The jar deliberately carries no {@code application.yml}: command-api's tests start this application in their
 * own JVM, where a second {@code application.yml} on the classpath would shadow theirs (or ours). The settings the
 * projector cannot work without have defaults in code; the environment-facing defaults of the runnable jar are
 * {@link #defaults()}, installed as Spring Boot default properties (the lowest precedence, so env variables,
 * system properties and {@code --args} all override them).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectorApplication {

	public static void main(String[] args) {
		if (ReplayCommand.isRequested(args)) {
			System.exit(ReplayCommand.run(args, System.out));
		}
		new SpringApplicationBuilder(ProjectorApplication.class).properties(defaults()).run(args);
	}

	/**
	 * Defaults of the runnable jar; in-process users may pass them to
	 * {@link SpringApplicationBuilder#properties(Map)} too.
	 */
	public static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.application.name", "projector");
		defaults.put("server.port", "${LAAS_PROJECTOR_PORT:8081}");
		defaults.put("spring.datasource.url", "${LAAS_DATABASE_URL:jdbc:postgresql://127.0.0.1:15432/laas}");
		// command-api reads LAAS_DATABASE_USER; accept both so one environment serves both services.
		defaults.put("spring.datasource.username", "${LAAS_DATABASE_USERNAME:${LAAS_DATABASE_USER:postgres}}");
		defaults.put("spring.datasource.password", "${LAAS_DATABASE_PASSWORD:postgres}");
		// One connection per consumer thread (laas.projector.consumers, 3 by default) plus health checks.
		defaults.put("spring.datasource.hikari.maximum-pool-size", "6");
		defaults.put("spring.datasource.hikari.connection-timeout", "5000");
		defaults.put("spring.kafka.bootstrap-servers", "${LAAS_KAFKA_BOOTSTRAP:127.0.0.1:19092}");
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
		// Health and readiness (docs/operations.md): readiness = the database, the broker and a living feed; lag is a
		// detail of feed, never a readiness failure.
		defaults.put("management.endpoint.health.show-components", "always");
		defaults.put("management.endpoint.health.show-details", "always");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,kafka,feed");
		// LAAS_LOG_FORMAT=json: Spring Boot's "logstash" JSON lines; unset or "text": the human format; any other
		// value stops the start naming the placeholder laas.logging.formats.<value> (docs/operations.md, "Logs").
		defaults.put("logging.structured.format.console", "${laas.logging.formats.${LAAS_LOG_FORMAT:text}}");
		defaults.put("laas.logging.formats.text", "");
		defaults.put("laas.logging.formats.json", "logstash");
		// Several projector contexts may share a JVM (tests, command-api's end-to-end tests): no global registry.
		defaults.put("management.metrics.use-global-registry", "false");
		return defaults;
	}

}
