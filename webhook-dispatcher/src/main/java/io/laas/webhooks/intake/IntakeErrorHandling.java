package io.laas.webhooks.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * When the intake transaction fails (database down), the same poll is retried every second, without end: giving
 * up would commit offsets of events that have no deliveries, i.e. lose webhooks. Unreadable records never reach
 * this handler; {@link EventIntake} skips them.
 */
@Configuration(proxyBeanMethods = false)
class IntakeErrorHandling {

	private static final long RETRY_INTERVAL_MS = 1_000;

	@Bean
	CommonErrorHandler intakeErrorHandler() {
		return new DefaultErrorHandler(new FixedBackOff(RETRY_INTERVAL_MS, FixedBackOff.UNLIMITED_ATTEMPTS));
	}

}
