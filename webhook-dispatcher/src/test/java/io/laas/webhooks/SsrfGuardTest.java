package io.laas.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.infra.InfraExtension;
import io.laas.webhooks.testing.CommandSchema;
import io.laas.webhooks.testing.Dispatchers;
import io.laas.webhooks.testing.Events;
import io.laas.webhooks.testing.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With production settings (no private targets), a receiver on 127.0.0.1 is never contacted. */
@ExtendWith(InfraExtension.class)
class SsrfGuardTest {

	@Test
	void loopbackTarget_isRefused_whenPrivateTargetsAreNotAllowed() {
		JdbcTemplate jdbc = CommandSchema.jdbc();
		UUID ledger = CommandSchema.newLedger(jdbc);
		try (Events events = Events.onNewTopic("webhooks-ssrf-test");
				Receiver receiver = Receiver.answering(null, 200);
				ConfigurableApplicationContext dispatcher = Dispatchers.start(events.topic(), Dispatchers.newGroupId(),
						"laas.webhooks.allow-private-targets=false")) {
			UUID byAddress = CommandSchema.newEndpoint(jdbc, ledger, receiver.url(), CommandSchema.newSecret(),
					List.of());
			UUID byName = CommandSchema.newEndpoint(jdbc, ledger,
					"http://localhost:" + receiver.port() + "/hooks", CommandSchema.newSecret(), List.of());
			EventEnvelope event = Events.accountCreated(ledger, 1);

			events.publish(event);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> jdbc.queryForObject(
						"select count(*) from webhooks.deliveries where event_id = ? and status = 'dead'", Integer.class,
						event.eventId()) == 2);
			assertThat(receiver.count()).isZero();
			for (UUID endpoint : List.of(byAddress, byName)) {
				List<String> errors = jdbc.queryForList("""
						select a.error from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id
						 where d.event_id = ? and d.endpoint_id = ? order by a.attempt""", String.class, event.eventId(),
						endpoint);
				assertThat(errors).hasSize(4).allSatisfy((error) -> assertThat(error).contains("not sent")
					.contains("loopback")
					.contains("private targets are not allowed"));
			}
			assertThat(jdbc.queryForObject("""
					select count(*) from webhooks.delivery_attempts a join webhooks.deliveries d on d.id = a.delivery_id
					 where d.event_id = ? and a.status_code is not null""", Integer.class, event.eventId()))
				.isZero();
		}
		finally {
			CommandSchema.retire(jdbc, List.of(ledger));
		}
	}

}
