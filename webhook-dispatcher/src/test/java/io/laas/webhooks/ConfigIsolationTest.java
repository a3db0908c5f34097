package io.laas.webhooks;

import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test class path holds an application.yml standing in for command-api's (see src/test/resources): the
 * dispatcher must read its own webhook-dispatcher.yml, and a bad setting must stop it with a clear message.
 */
@ExtendWith(InfraExtension.class)
class ConfigIsolationTest {

	@Test
	void dispatcher_readsItsOwnConfigFile_notApplicationYml() {
		CommandSchema.jdbc();
		try (Events events = Events.onNewTopic("webhooks-config-test");
				ConfigurableApplicationContext dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId())) {
			Environment environment = dispatcher.getEnvironment();
			assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/webhooks");
			assertThat(environment.getProperty("spring.flyway.default-schema")).isEqualTo("webhooks");
			assertThat(environment.getProperty("spring.application.name")).isEqualTo("webhook-dispatcher");
			assertThat(dispatcher.getBean(DispatcherSettings.class).poolSize()).isEqualTo(64);
			assertThat(dispatcher.getBean(DispatcherSettings.class).retrySchedule()).hasSize(4);
		}
	}

	@Test
	void defaults_matchTheDocumentedSchedule() {
		// Without the test overrides: what production runs with.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
			.web(org.springframework.boot.WebApplicationType.NONE)
			.run("--spring.config.name=webhook-dispatcher")) {
			DispatcherSettings settings = context.getBean(DispatcherSettings.class);
			assertThat(settings.retrySchedule()).extracting(java.time.Duration::toString)
				.containsExactly("PT0S", "PT5S", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H", "PT10H");
			assertThat(settings.retryJitterPercent()).isEqualTo(10);
			assertThat(settings.requestTimeoutMs()).isEqualTo(15_000);
			assertThat(settings.endpointDisableAfterFailingMs()).isEqualTo(5L * 24 * 3600 * 1000);
			assertThat(settings.allowPrivateTargets()).isFalse();
			assertThat(settings.allowHttp()).isFalse();
		}
	}

	@Test
	void badSetting_stopsTheStart_namingTheProperty() {
		CommandSchema.jdbc();
		assertThatThrownBy(() -> Dispatchers.start("unused-topic", Dispatchers.newGroupId(),
				"laas.webhooks.per-endpoint-concurrency-max=100", "laas.webhooks.pool-size=10").close())
			.hasStackTraceContaining("laas.webhooks.per-endpoint-concurrency-max must be between 1 and 10, got 100");
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.context.properties.EnableConfigurationProperties(DispatcherSettings.class)
	static class SettingsOnly {

	}

}
