package io.laas.projector.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.infra.InfraExtension;
import io.laas.projector.support.LedgerScript;
import io.laas.projector.support.Projectors;
import io.laas.projector.support.Publisher;
import tools.jackson.databind.JsonNode;

/**
 * With {@code LAAS_LOG_FORMAT=json}, each committed batch logs one JSON line naming every ledger it applied with its
 * first and last sequence: the (ledger_id, sequence) of command-api's accept line can be found in it. The tests'
 * logback-test.xml would shadow Spring Boot's configuration, so this one names a configuration made of Boot's own
 * structured console appender, whose format is what the jar's defaults make of {@code LAAS_LOG_FORMAT}.
 */
@ExtendWith({ InfraExtension.class, OutputCaptureExtension.class })
class AppliedLogTest {

	/**
	 * Spring Boot copies the format into this system property only if it is not set yet: the first application of
	 * the JVM decides it for every later one. Tests that start several applications in one JVM clear it around the
	 * one that must log JSON.
	 */
	static final String BOOT_FORMAT_PROPERTY = "CONSOLE_LOG_STRUCTURED_FORMAT";

	@BeforeEach
	@AfterEach
	void forgetTheJvmsFirstFormat() {
		System.clearProperty(BOOT_FORMAT_PROPERTY);
	}

	@Test
	void committedBatch_logsOneJsonLine_withEachLedgersSequenceRange(CapturedOutput output) {
		String topic = Projectors.uniqueTopic("applied-log");
		LedgerScript ledger = new LedgerScript();
		ledger.open("cash", "asset", "USD");
		ledger.open("sales", "revenue", "USD");
		ledger.post(UUID.randomUUID(), "cash", "sales", "10.00");
		List<EventEnvelope> events = ledger.events();
		try (ConfigurableApplicationContext projector = Projectors.start(topic, "applied-log-" + UUID.randomUUID(),
				"--LAAS_LOG_FORMAT=json", "--logging.config=classpath:structured-logback-test.xml");
				Publisher publisher = new Publisher(topic)) {
			publisher.sendAll(events);

			String prefix = ledger.ledgerId() + ":";
			List<JsonNode> lines = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> appliedLines(output, ledger.ledgerId()),
						(found) -> found.stream().mapToLong((l) -> l.path("event_count").asLong()).sum() >= 3);

			long first = Long.MAX_VALUE;
			long last = 0;
			for (JsonNode line : lines) {
				assertThat(line.path("level").asString()).isEqualTo("INFO");
				String range = line.path("ledgers").get(0).asString();
				assertThat(range).startsWith(prefix);
				String[] bounds = range.substring(prefix.length()).split("-");
				first = Math.min(first, Long.parseLong(bounds[0]));
				last = Math.max(last, Long.parseLong(bounds[1]));
			}
			assertThat(first).isEqualTo(1);
			assertThat(last).isEqualTo(events.get(events.size() - 1).sequence());
		}
	}

	/** JSON lines of the applied logger that name this ledger; a non-JSON line there fails the parse. */
	private static List<JsonNode> appliedLines(CapturedOutput output, UUID ledgerId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains("io.laas.projector.applied") && line.contains(ledgerId.toString()))
			.map((line) -> EventSerde.mapper().readTree(line))
			.toList();
	}

}
