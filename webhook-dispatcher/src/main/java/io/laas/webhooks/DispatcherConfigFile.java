package io.laas.webhooks;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the dispatcher read {@code webhook-dispatcher.yml} (and {@code webhook-dispatcher-<profile>.yml}) instead
 * of {@code application.yml}.
 *
 * <p>
 * Why: command-api's end-to-end tests start this application in their own JVM, where {@code classpath:application.yml}
 * is command-api's file (the first one on the class path wins). The dispatcher would then run command-api's Flyway
 * locations against its own schema and listen on command-api's port. With its own file name, each application reads
 * only its own settings; explicit settings (command-line arguments, system properties, environment variables) still
 * apply to both.
 *
 * <p>
 * Only acts when {@link WebhookDispatcherApplication} is a source of the application being started; any other
 * application with this jar on its class path is left alone. An explicit {@code spring.config.name} still wins.
 */
public class DispatcherConfigFile implements EnvironmentPostProcessor, Ordered {

	static final String CONFIG_NAME = "webhook-dispatcher";

	private static final String SOURCE_NAME = "webhook-dispatcher-config-name";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!application.getAllSources().contains(WebhookDispatcherApplication.class)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE_NAME, Map.of("spring.config.name", CONFIG_NAME)));
	}

}
