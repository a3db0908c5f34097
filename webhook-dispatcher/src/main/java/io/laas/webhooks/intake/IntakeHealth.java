package io.laas.webhooks.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import io.laas.webhooks.DispatcherSettings;

/**
 * {@code /actuator/health} component {@code intake}: the {@link EventIntake} listener container of the dispatcher's
 * consumer group. DOWN when it is not running (stopped, or its consumer thread ended on a fatal error: the
 * container's own error handler retries ordinary failures without end), with the reason of the last consumer stop;
 * UP otherwise, also while lagging: lag is a detail, not a reason to flap readiness.
 *
 * <p>Details: {@code consuming}, {@code assignedPartitions}; {@code recordsBehind}, per consumer (Kafka client id)
 * the client's {@code records-lag-max} (the largest lag of its partitions over the client's last sample window,
 * about a minute), {@code recordsBehindMax}, the worst of them, and {@code lagging}, true above
 * {@code laas.health.lagging-records}.
 */
@Component("intake")
class IntakeHealth implements HealthIndicator {

	private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

	private static final String RECORDS_LAG_MAX = "records-lag-max";

	private final KafkaListenerEndpointRegistry listeners;

	private final String groupId;

	private final HealthSettings thresholds;

	private volatile String lastStop;

	IntakeHealth(KafkaListenerEndpointRegistry listeners, DispatcherSettings settings, HealthSettings thresholds) {
		this.listeners = listeners;
		this.groupId = settings.groupId();
		this.thresholds = thresholds;
	}

	@EventListener
	void consumerStopped(ConsumerStoppedEvent event) {
		this.lastStop = event.getReason() + " at " + Instant.now();
	}

	@Override
	public Health health() {
		List<MessageListenerContainer> intake = this.listeners.getListenerContainers()
			.stream()
			.filter((container) -> this.groupId.equals(container.getGroupId()))
			.toList();
		if (intake.isEmpty()) {
			return Health.down().withDetail("consuming", false).withDetail("error", "no listener for group " + this.groupId).build();
		}
		boolean consuming = intake.stream().allMatch(IntakeHealth::isConsuming);
		Map<String, Long> recordsBehind = new TreeMap<>();
		int assigned = 0;
		for (MessageListenerContainer container : intake) {
			assigned += (container.getAssignedPartitions() != null) ? container.getAssignedPartitions().size() : 0;
			container.metrics().forEach((client, metrics) -> recordsLagMax(metrics, client, recordsBehind));
		}
		long recordsBehindMax = recordsBehind.values().stream().mapToLong(Long::longValue).max().orElse(0);
		Health.Builder health = consuming ? Health.up() : Health.down();
		health.withDetail("consuming", consuming).withDetail("groupId", this.groupId);
		if (!consuming && this.lastStop != null) {
			health.withDetail("lastStop", this.lastStop);
		}
		return health.withDetail("assignedPartitions", assigned)
			.withDetail("recordsBehind", recordsBehind)
			.withDetail("recordsBehindMax", recordsBehindMax)
			.withDetail("lagging", recordsBehindMax > this.thresholds.laggingRecords())
			.build();
	}

	/** Running, and so is every consumer of a concurrent container (one that died leaves the parent running). */
	private static boolean isConsuming(MessageListenerContainer container) {
		if (!container.isRunning()) {
			return false;
		}
		if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
			return !concurrent.getContainers().isEmpty()
					&& concurrent.getContainers().stream().allMatch(MessageListenerContainer::isRunning);
		}
		return true;
	}

	/** The client's records-lag-max, and the per-partition ones where present; NaN (no sample yet) is left out. */
	private static void recordsLagMax(Map<MetricName, ? extends Metric> metrics, String client, Map<String, Long> into) {
		metrics.forEach((name, metric) -> {
			if (FETCH_METRICS.equals(name.group()) && RECORDS_LAG_MAX.equals(name.name())
					&& metric.metricValue() instanceof Double value && !value.isNaN() && !value.isInfinite()) {
				into.merge(client, (long) Math.max(0, value), Math::max);
			}
		});
	}

}
