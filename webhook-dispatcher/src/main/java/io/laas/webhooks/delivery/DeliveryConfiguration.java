package io.laas.webhooks.delivery;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import io.laas.webhooks.DispatcherSettings;
import io.laas.webhooks.delivery.internal.DueDeliveries;
import io.laas.webhooks.delivery.internal.HttpAttempts;
import io.laas.webhooks.endpointhealth.EndpointHealth;
import io.laas.webhooks.targets.TargetPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the sender from {@link DispatcherSettings}. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	RetrySchedule retrySchedule(DispatcherSettings settings) {
		return new RetrySchedule(settings.retrySchedule(), settings.retryJitterPercent());
	}

	@Bean
	TargetPolicy targetPolicy(DispatcherSettings settings) {
		return TargetPolicy.of(settings.allowPrivateTargets(), settings.allowHttp());
	}

	@Bean
	HttpAttempts httpAttempts(DispatcherSettings settings, TargetPolicy targets, Clock clock) {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofMillis(settings.connectTimeoutMs()))
			// One request per connection at a time, as receivers expect; no h2c upgrade dance on http://.
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		return new HttpAttempts(client, targets, clock, Duration.ofMillis(settings.requestTimeoutMs()),
				Duration.ofMillis(settings.retryAfterMsMax()), settings.responseExcerptBytesMax());
	}

	@Bean
	DueDeliveries dueDeliveries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			EndpointHealth health, Clock clock, DispatcherSettings settings) {
		return new DueDeliveries(jdbc, transactionManager, health, clock, Duration.ofMillis(settings.claimLeaseMs()),
				settings.claimBatchMax(), settings.perEndpointConcurrencyMax());
	}

}
