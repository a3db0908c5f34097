package io.laas.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.infra.InfraExtension;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.ReadModelDb;

/** The application as the jar runs it: web server, actuator, its own Flyway history, validated settings. */
@ExtendWith(InfraExtension.class)
class ProjectorApplicationTest {

	private final ReadModelDb db = new ReadModelDb();

	@Test
	void application_servesHealthAndPrometheusMetrics_andKeepsItsFlywayHistoryInReadModel() throws Exception {
		String topic = Projectors.uniqueTopic("app");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ProjectorApplication.class)
			.properties(ProjectorApplication.defaults())
			.run("--server.port=0", "--laas.events.topic=" + topic, "--laas.projector.group-id=app-" + UUID.randomUUID())) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			String metrics = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(metrics).contains("laas_projector_events_applied_total", "laas_projector_events_duplicates_total",
					"laas_projector_lag_seconds", "laas_projector_halted_ledgers",
					"laas_projector_events_dead_lettered_total",
					// the Kafka consumer's own meters: lag (max now; per topic and partition once assigned), fetch rate
					"kafka_consumer_fetch_manager_records_lag_max");
		}
		assertThat(this.db.count("select count(*) from information_schema.tables "
				+ "where table_schema = 'read_model' and table_name = 'flyway_schema_history'")).isEqualTo(1);
		assertThat(this.db.count("select count(*) from read_model.flyway_schema_history where version = '1' and success")).isEqualTo(1);
	}

	@Test
	void badSetting_stopsStartup_withAMessageNamingIt() {
		assertThatThrownBy(() -> Projectors.start(Projectors.uniqueTopic("bad"), "bad",
				"--laas.projector.max-poll-records=0").close())
			.hasStackTraceContaining("laas.projector.max-poll-records must be within 1..50000, got 0");
	}

}
