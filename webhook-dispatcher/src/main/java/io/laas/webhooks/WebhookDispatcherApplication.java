package io.laas.webhooks;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Consumes the ledger events topic, turns every event into one delivery per subscribed endpoint and sends them as
 * signed Standard Webhooks with retries. Its configuration comes from {@code webhook-dispatcher.yml} (see
 * {@link DispatcherConfigFile}), so it can run in the same JVM as another Spring Boot application. Scheduling is
 * on for the gauges that are recounted from the database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WebhookDispatcherApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebhookDispatcherApplication.class, args);
	}

	/**
	 * Every time the dispatcher reads (due deliveries, retry and Retry-After delays, leases, webhook-timestamp,
	 * failing periods, gauges). A test that starts the dispatcher can register its own {@link Clock} singleton
	 * before the context refreshes ({@code SpringApplicationBuilder.initializers}) to move time on instead of
	 * waiting for it.
	 */
	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock clock() {
		return Clock.systemUTC();
	}

}
