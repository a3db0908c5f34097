package io.laas.projector.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.infra.TestInfra;
import io.laas.projector.ProjectorApplication;

/**
 * Starts projector instances in this JVM the way command-api's end-to-end tests will: a
 * {@link SpringApplicationBuilder} per instance, no web server, settings as arguments.
 */
public final class Projectors {

	private Projectors() {
	}

	/** A topic name of its own for a test class, so that no other test's records reach its projector. */
	public static String uniqueTopic(String prefix) {
		return "test." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	public static ConfigurableApplicationContext start(String topic, String groupId, String... more) {
		TestInfra.get().exportSpringProperties();
		List<String> args = new ArrayList<>();
		args.add("--laas.events.topic=" + topic);
		args.add("--laas.projector.group-id=" + groupId);
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(ProjectorApplication.class).web(WebApplicationType.NONE)
			.properties(ProjectorApplication.defaults())
			.run(args.toArray(String[]::new));
	}

}
