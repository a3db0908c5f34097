package io.laas.projector.feed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.laas.projector.feed.internal.DeadLetters;
import io.laas.projector.feed.internal.FeedLoop;
import io.laas.projector.feed.internal.TopicsAtStartup;
import io.laas.projector.metrics.ProjectorMetrics;
import io.laas.projector.projection.Projection;
import io.laas.projector.rebuild.Rebuild;

/**
 * Starts the consumer threads ({@code laas.projector.consumers}) when the application context is ready and stops them
 * first on shutdown, letting the batches in progress commit. Kafka connection settings come from {@code spring.kafka.*} (Boot's
 * {@link KafkaProperties}); what this feed needs to be correct (manual commits, byte deserialisers, the group) is
 * set here and cannot be overridden by accident.
 */
@Component
public class LedgerEventsFeed implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LedgerEventsFeed.class);

	private final FeedSettings settings;

	private final TopicSettings topics;

	private final KafkaProperties kafka;

	private final Projection projection;

	private final ProjectorMetrics metrics;

	private final Rebuild rebuild;

	private final Clock clock;

	private final DataSource dataSource;

	private final List<FeedLoop> loops = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	public LedgerEventsFeed(FeedSettings settings, TopicSettings topics, KafkaProperties kafka, Projection projection,
			ProjectorMetrics metrics, Rebuild rebuild, Clock clock, DataSource dataSource) {
		this.settings = settings;
		this.topics = topics;
		this.kafka = kafka;
		this.projection = projection;
		this.metrics = metrics;
		this.rebuild = rebuild;
		this.clock = clock;
		this.dataSource = dataSource;
	}

	@Override
	public synchronized void start() {
		if (!this.settings.enabled() || !this.threads.isEmpty()) {
			return;
		}
		requireConnectionPerConsumer();
		TopicsAtStartup.ensure(this.kafka.buildAdminProperties(), this.topics);
		boolean fromBeginning = this.rebuild.prepare();
		// Shared by the consumers of this instance: a partition moving between them is rewound only once.
		Set<TopicPartition> rewound = ConcurrentHashMap.newKeySet();
		FeedLoop.Options options = new FeedLoop.Options(this.topics.topic(), this.settings.pollTimeoutMs(),
				this.settings.haltRetryMs(), this.settings.errorBackoffMs(), fromBeginning);
		for (int n = 1; n <= this.settings.consumers(); n++) {
			String clientId = clientId(n);
			FeedLoop loop = new FeedLoop(consumerProperties(clientId),
					new DeadLetters(this.kafka.buildProducerProperties(), this.topics.deadLetterTopic()),
					this.projection, this.metrics.forConsumer(clientId), options, rewound, this.clock);
			Thread thread = new Thread(loop, "projector-feed-" + clientId);
			this.loops.add(loop);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
		log.info("Projecting {} in group {} with {} consumer(s){}", this.topics.topic(), this.settings.groupId(),
				this.settings.consumers(), fromBeginning ? ", from the beginning (rebuild)" : "");
	}

	@Override
	public synchronized void stop() {
		this.loops.forEach(FeedLoop::stop);
		long deadline = System.currentTimeMillis() + this.settings.shutdownTimeoutMs();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, deadline - System.currentTimeMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (thread.isAlive()) {
				log.warn("{} still busy after {} ms; leaving it to finish on its own", thread.getName(),
						this.settings.shutdownTimeoutMs());
			}
		}
		this.threads.clear();
		this.loops.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return !this.threads.isEmpty();
	}

	/** Whether every consumer thread is alive; false once one died on an unexpected error. */
	public synchronized boolean isConsuming() {
		return !this.threads.isEmpty() && this.threads.stream().allMatch(Thread::isAlive);
	}

	/** The error a consumer thread died of, if one did. */
	public synchronized Throwable failure() {
		return this.loops.stream().map(FeedLoop::failure).filter(Objects::nonNull).findFirst().orElse(null);
	}

	/** Each consumer holds a connection for a whole batch; a pool smaller than that would starve them. */
	private void requireConnectionPerConsumer() {
		if (this.dataSource instanceof HikariDataSource hikari
				&& hikari.getMaximumPoolSize() <= this.settings.consumers()) {
			throw new IllegalStateException("spring.datasource.hikari.maximum-pool-size (" + hikari.getMaximumPoolSize()
					+ ") must exceed laas.projector.consumers (" + this.settings.consumers() + ")");
		}
	}

	/** Distinct per consumer and per instance, so that logs, metrics and broker quotas can tell them apart. */
	private String clientId(int n) {
		String base = this.settings.clientId().isEmpty() ? this.settings.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8)
				: this.settings.clientId();
		return (this.settings.consumers() == 1) ? base : base + "-" + n;
	}

	private Map<String, Object> consumerProperties(String clientId) {
		Map<String, Object> properties = new HashMap<>(this.kafka.buildConsumerProperties());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.settings.groupId());
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		// Offsets are committed by hand, after the database transaction that applied the records.
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A new group starts at the first event: the read model must contain every ledger from sequence 1.
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, this.settings.maxPollRecords());
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// Cooperative: a joining or leaving instance moves only the partitions that change owner.
		properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		return properties;
	}

}
