package io.laas.webhooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the layout honest (no ArchUnit offline here, so it reads the imports of the sources): a capability's
 * {@code internal} package is used by that capability only, and the pure packages (signing, targets) depend on
 * neither Spring, JDBC nor Kafka.
 */
class ModularityTest {

	private static final Path SOURCES = Path.of("src/main/java/io/laas/webhooks");

	private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

	private static final Pattern INTERNAL = Pattern.compile("^io\\.laas\\.webhooks\\.(\\w+)\\.internal\\.");

	@Test
	void internalPackages_areUsedOnlyByTheirOwnCapability() throws IOException {
		List<String> violations = new ArrayList<>();
		for (Path file : javaFiles()) {
			String capability = capabilityOf(file);
			for (String imported : imports(file)) {
				Matcher internal = INTERNAL.matcher(imported);
				if (internal.find() && !internal.group(1).equals(capability)) {
					violations.add(SOURCES.relativize(file) + " imports " + imported);
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void purePackages_dependOnNoFramework() throws IOException {
		List<String> violations = new ArrayList<>();
		for (Path file : javaFiles()) {
			String capability = capabilityOf(file);
			boolean pure = capability.equals("signing") || capability.equals("targets")
					|| file.endsWith("RetrySchedule.java") || file.endsWith("RetryAfter.java")
					|| file.endsWith("Verdict.java");
			if (!pure) {
				continue;
			}
			for (String imported : imports(file)) {
				if (imported.startsWith("org.springframework") || imported.startsWith("java.sql")
						|| imported.startsWith("javax.sql") || imported.startsWith("org.apache.kafka")
						|| imported.startsWith("io.laas.webhooks.") && !imported.startsWith("io.laas.webhooks." + capability)) {
					violations.add(SOURCES.relativize(file) + " imports " + imported);
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theCheckSeesTheSources() throws IOException {
		// A scan that finds nothing would pass everything.
		assertThat(javaFiles()).hasSizeGreaterThan(20);
		assertThat(javaFiles().stream().map(ModularityTest::capabilityOf)).contains("delivery", "intake", "signing",
				"targets", "endpointhealth", "redelivery");
	}

	private static List<Path> javaFiles() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
	}

	/** The first package segment under io.laas.webhooks, or "" for the root package. */
	private static String capabilityOf(Path file) {
		Path relative = SOURCES.relativize(file);
		return (relative.getNameCount() > 1) ? relative.getName(0).toString() : "";
	}

	private static List<String> imports(Path file) throws IOException {
		List<String> imports = new ArrayList<>();
		Matcher matcher = IMPORT.matcher(Files.readString(file));
		while (matcher.find()) {
			imports.add(matcher.group(1));
		}
		return imports;
	}

}
