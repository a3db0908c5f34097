package io.laas.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.projector.ProjectorApplication;

/** The real projector application, in this JVM, against the same servers; stoppable to test crashes and restarts. */
final class RunningProjector {

	private static ConfigurableApplicationContext context;

	private RunningProjector() {
	}

	static synchronized void ensureStarted() {
		if (context == null || !context.isActive()) {
			context = new SpringApplicationBuilder(ProjectorApplication.class)
				.properties("server.port=0", "spring.profiles.active=test", "management.server.port=")
				.run();
		}
	}

	/** Stops it without waiting for anything to finish cleanly, as close as in-process gets to a crash. */
	static synchronized void stop() {
		if (context != null) {
			SpringApplication.exit(context);
			context = null;
		}
	}

}
