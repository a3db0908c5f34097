package io.laas.command.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code kafka} (only where the relay runs: nothing else in command-api talks
 * to Kafka): UP when the broker answers a {@code describeCluster} (details {@code clusterId}, {@code nodes},
 * {@code checkedAt}), DOWN with the error otherwise. A check waits at most {@code laas.health.kafka-timeout-ms};
 * its result is reused for {@code laas.health.kafka-cache-ms}, and while one check runs, other requests get the
 * previous result instead of waiting. Not part of the readiness group (see {@link RelayHealth}).
 *
 * <p>The three services each carry this class, on purpose: the only module they share is shared-events, the
 * event contract that downstream teams depend on, and it stays free of Spring and of the Kafka admin client.
 */
@Component("kafka")
@ConditionalOnProperty(name = "laas.relay.enabled", havingValue = "true", matchIfMissing = true)
class KafkaHealth implements HealthIndicator, DisposableBean {

	private static final long ANSWER_SLACK_MS = 500;

	private final Map<String, Object> adminProperties;

	private final HealthSettings settings;

	private final ReentrantLock checking = new ReentrantLock();

	/** Guarded by {@link #checking}; created at the first check, kept for the next ones. */
	private Admin admin;

	private volatile Checked last;

	KafkaHealth(KafkaProperties kafka, HealthSettings settings) {
		this.settings = settings;
		this.adminProperties = new HashMap<>(kafka.buildAdminProperties());
		int timeoutMs = (int) settings.kafkaTimeoutMs();
		this.adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		this.adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
	}

	@Override
	public Health health() {
		Checked seen = this.last;
		if (seen != null && System.nanoTime() - seen.atNanos < TimeUnit.MILLISECONDS.toNanos(this.settings.kafkaCacheMs())) {
			return seen.health;
		}
		if (!this.checking.tryLock()) {
			return (seen != null) ? seen.health : Health.unknown().withDetail("checking", true).build();
		}
		try {
			Checked fresh = new Checked(check(), System.nanoTime());
			this.last = fresh;
			return fresh.health;
		}
		finally {
			this.checking.unlock();
		}
	}

	private Health check() {
		long timeoutMs = this.settings.kafkaTimeoutMs();
		long started = System.nanoTime();
		try {
			if (this.admin == null) {
				this.admin = Admin.create(this.adminProperties);
			}
			DescribeClusterResult cluster = this.admin
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
			// The call times out by itself after timeoutMs, with Kafka's explanation; the slack lets that arrive first.
			String clusterId = cluster.clusterId().get(timeoutMs + ANSWER_SLACK_MS, TimeUnit.MILLISECONDS);
			int nodes = cluster.nodes().get(ANSWER_SLACK_MS, TimeUnit.MILLISECONDS).size();
			return Health.up()
				.withDetail("clusterId", clusterId)
				.withDetail("nodes", nodes)
				.withDetail("responseMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
				.withDetail("checkedAt", Instant.now().toString())
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return down(ex);
		}
		catch (ExecutionException ex) {
			return down((ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			return down(new TimeoutException("no answer within " + (timeoutMs + ANSWER_SLACK_MS) + " ms"));
		}
		catch (KafkaException ex) {
			return down(ex);
		}
	}

	private static Health down(Throwable error) {
		return Health.down().withDetail("error", error.toString()).withDetail("checkedAt", Instant.now().toString()).build();
	}

	@Override
	public void destroy() {
		this.checking.lock();
		try {
			if (this.admin != null) {
				this.admin.close(Duration.ofSeconds(1));
				this.admin = null;
			}
		}
		finally {
			this.checking.unlock();
		}
	}

	private record Checked(Health health, long atNanos) {
	}

}
