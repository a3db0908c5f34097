package io.laas.webhooks.testing;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.webhooks.WebhookDispatcherApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the dispatcher in this JVM the way command-api's end-to-end tests do ({@code new
 * SpringApplicationBuilder(WebhookDispatcherApplication.class)}), with test settings as command-line arguments.
 * Database and Kafka come from {@code TestInfra.exportSpringProperties()}.
 */
public final class Dispatchers {

	private Dispatchers() {
	}

	/** Settings every test dispatcher shares: local receivers over http, short retries, a random port. */
	public static Map<String, String> testSettings(String topic, String groupId) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("laas.events.topic", topic);
		settings.put("laas.webhooks.group-id", groupId);
		settings.put("laas.webhooks.allow-private-targets", "true");
		settings.put("laas.webhooks.allow-http", "true");
		settings.put("laas.webhooks.retry-schedule", "0s,300ms,300ms,300ms");
		settings.put("laas.webhooks.request-timeout-ms", "5000");
		settings.put("laas.webhooks.connect-timeout-ms", "2000");
		settings.put("laas.webhooks.claim-lease-ms", "8000");
		settings.put("laas.webhooks.idle-poll-ms", "50");
		settings.put("laas.webhooks.backlog-refresh-ms", "200");
		// A consumer that dies is replaced after 6 s (the broker's minimum), not Kafka's default 45 s.
		settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
		settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
		return settings;
	}

	public static String newGroupId() {
		return "laas-webhook-dispatcher-test-" + UUID.randomUUID();
	}

	/** Command-line arguments for these settings. */
	public static String[] arguments(Map<String, String> settings) {
		return settings.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	/** {@link #testSettings} with {@code overrides} ("key=value") applied. */
	public static ConfigurableApplicationContext start(String topic, String groupId, String... overrides) {
		return new SpringApplicationBuilder(WebhookDispatcherApplication.class)
			.run(arguments(withOverrides(topic, groupId, overrides)));
	}

	/**
	 * Like {@link #start(String, String, String...)}, with the dispatcher reading time from {@code clock} (it
	 * replaces the application's system clock, see {@code WebhookDispatcherApplication#clock}).
	 */
	public static ConfigurableApplicationContext start(Clock clock, String topic, String groupId,
			String... overrides) {
		return new SpringApplicationBuilder(WebhookDispatcherApplication.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("testClock", clock))
			.run(arguments(withOverrides(topic, groupId, overrides)));
	}

	private static Map<String, String> withOverrides(String topic, String groupId, String... overrides) {
		Map<String, String> settings = testSettings(topic, groupId);
		for (String override : List.of(overrides)) {
			int equals = override.indexOf('=');
			settings.put(override.substring(0, equals), override.substring(equals + 1));
		}
		return settings;
	}

}
