package io.laas.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.projector.ProjectorApplication;

/** The real projector application, in this JVM, against the same servers; stoppable to test crashes and restarts. */
final class RunningProjector {

	private static ConfigurableApplicationContext context;

	private static int starts;

	private RunningProjector() {
	}

	static synchronized void ensureStarted() {
		if (context == null || !context.isActive()) {
			// Arguments, not builder properties: those are defaults, weaker than the application's own config.
			context = new SpringApplicationBuilder(ProjectorApplication.class)
				.properties(ProjectorApplication.defaults())
				.run("--server.port=0", "--laas.projector.client-id=e2e-projector-" + (++starts));
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
