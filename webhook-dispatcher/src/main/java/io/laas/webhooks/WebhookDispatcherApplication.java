package io.laas.webhooks;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Consumes the ledger events topic, turns every event into one delivery per subscribed endpoint and sends them as
 * signed Standard Webhooks with retries. Its configuration comes from {@code webhook-dispatcher.yml} (see
 * {@link DispatcherConfigFile}), so it can run in the same JVM as another Spring Boot application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebhookDispatcherApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebhookDispatcherApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
