package io.laas.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.laas.command.ledger.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem code the command-api can answer with has an HTTP test that asserts it, or is listed below with the
 * reason it is not provoked over HTTP. The codes are read from the main sources (the {@link Rejection.Code}s the
 * code base uses, and every literal code handed to {@code ApiProblem} or {@code Problems.of}); the tested ones from
 * the assertions of the test sources. A new code without a test fails this test.
 */
class RejectionCodesCoverageTest {

	/** Codes no HTTP test provokes, each with the honest reason. Kept minimal: a tested code here fails the test. */
	private static final Map<String, String> NOT_PROVOKED_OVER_HTTP = Map.of(
			"query-timeout", "a report query outlasting laas.reports.query-timeout-ms (10 s) needs a read model far "
					+ "larger than a test builds",
			"statement-too-large", "needs more than laas.reports.statement-entries-max (10,000) entries in one statement",
			"report-too-large", "needs more than laas.reports.accounts-max (10,000) accounts in one ledger",
			"request-refused", "fallback for 4xx statuses the API never answers (none is reachable today)",
			"uri-too-long", "Tomcat refuses a request line above its 8 KiB limit with 400 bad-request (pinned in "
					+ "HostileInputFuzzTest); the 414 mapping is there for a connector configured to answer it",
			"request-header-fields-too-large", "Tomcat refuses a header block above its limit with 400 as well; the "
					+ "431 mapping is there for a connector configured to answer it");

	private static final Pattern USED_REJECTION = Pattern.compile("\\bCode\\.([A-Z][A-Z_]+)\\b");

	private static final Pattern LITERAL_CODE = Pattern.compile(
			"(?:new ApiProblem\\(|super\\(|Problems\\.of\\()\\s*\\d{3},\\s*\"([a-z]+(?:-[a-z]+)*)\"|return \"([a-z]+(?:-[a-z]+)+)\";|: \"([a-z]+(?:-[a-z]+)+)\";");

	private static final Pattern ASSERTED_CODE = Pattern.compile(
			"(?:assertProblem|assertRefused)\\([^;]*?\\d{3},\\s*\"([a-z]+(?:-[a-z]+)*)\""
					+ "|path\\(\"code\"\\)\\.asString\\(\\)\\)\\.isEqualTo\\(\"([a-z]+(?:-[a-z]+)*)\"\\)",
			Pattern.DOTALL);

	@Test
	void everyProblemCodeTheApiCanAnswer_hasAnHttpTestOrAStatedReason() {
		Set<String> producible = producibleCodes();
		Set<String> asserted = matches(Path.of("src/test/java"), ASSERTED_CODE);

		Set<String> untested = new TreeSet<>(producible);
		untested.removeAll(asserted);
		untested.removeAll(NOT_PROVOKED_OVER_HTTP.keySet());
		assertThat(untested).as("problem codes without an HTTP test").isEmpty();

		Set<String> listedButTested = new TreeSet<>(NOT_PROVOKED_OVER_HTTP.keySet());
		listedButTested.retainAll(asserted);
		assertThat(listedButTested).as("codes listed as untested that a test does assert").isEmpty();
		assertThat(producible).as("listed codes the code base no longer produces")
			.containsAll(NOT_PROVOKED_OVER_HTTP.keySet());
	}

	@Test
	void theScanFindsTheDocumentedCodes() {
		// Guards the regular expressions: if they stopped matching, the test above would pass on nothing.
		assertThat(producibleCodes()).contains("debits-not-equal-credits", "unauthenticated", "read-only-key",
				"malformed-json", "projection-behind", "read-model-unavailable", "service-unavailable", "not-found");
		assertThat(matches(Path.of("src/test/java"), ASSERTED_CODE)).contains("debits-not-equal-credits",
				"insufficient-funds", "version-conflict");
	}

	private static Set<String> producibleCodes() {
		Path main = Path.of("src/main/java");
		Set<String> codes = matches(main, LITERAL_CODE);
		for (String name : matches(main, USED_REJECTION)) {
			codes.add(Rejection.Code.valueOf(name).slug());
		}
		return codes;
	}

	private static Set<String> matches(Path root, Pattern pattern) {
		Set<String> found = new TreeSet<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java"))
				.filter(f -> !f.endsWith("Rejection.java") && !f.endsWith("RejectionCodesCoverageTest.java"))
				.toList()) {
				Matcher m = pattern.matcher(Files.readString(file));
				while (m.find()) {
					for (int g = 1; g <= m.groupCount(); g++) {
						if (m.group(g) != null) {
							found.add(m.group(g));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

}
