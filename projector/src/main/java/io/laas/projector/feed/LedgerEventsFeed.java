package io.laas.projector.feed;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
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
 * Starts the consumer thread when the application context is ready and stops it first on shutdown, letting the
 * batch in progress commit. Kafka connection settings come from {@code spring.kafka.*} (Boot's
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

	private FeedLoop loop;

	private Thread thread;

	public LedgerEventsFeed(FeedSettings settings, TopicSettings topics, KafkaProperties kafka, Projection projection,
			ProjectorMetrics metrics, Rebuild rebuild, Clock clock) {
		this.settings = settings;
		this.topics = topics;
		this.kafka = kafka;
		this.projection = projection;
		this.metrics = metrics;
		this.rebuild = rebuild;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (!this.settings.enabled() || this.thread != null) {
			return;
		}
		TopicsAtStartup.ensure(this.kafka.buildAdminProperties(), this.topics);
		boolean fromBeginning = this.rebuild.prepare();
		FeedLoop.Options options = new FeedLoop.Options(this.topics.topic(), this.settings.pollTimeoutMs(),
				this.settings.haltRetryMs(), this.settings.errorBackoffMs(), fromBeginning);
		this.loop = new FeedLoop(consumerProperties(), new DeadLetters(this.kafka.buildProducerProperties(),
				this.topics.deadLetterTopic()), this.projection, this.metrics, options, this.clock);
		String name = "projector-feed-" + (this.settings.clientId().isEmpty() ? this.settings.groupId()
				: this.settings.clientId());
		this.thread = new Thread(this.loop, name);
		this.thread.start();
		log.info("Projecting {} in group {}{}", this.topics.topic(), this.settings.groupId(),
				fromBeginning ? " from the beginning (rebuild)" : "");
	}

	@Override
	public synchronized void stop() {
		if (this.thread == null) {
			return;
		}
		this.loop.stop();
		try {
			this.thread.join(this.settings.shutdownTimeoutMs());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.thread.isAlive()) {
			log.warn("Feed thread still busy after {} ms; leaving it to finish on its own",
					this.settings.shutdownTimeoutMs());
		}
		this.thread = null;
		this.loop = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.thread != null;
	}

	/** Whether the consumer thread is alive; false after it died on an unexpected error. */
	public synchronized boolean isConsuming() {
		return this.thread != null && this.thread.isAlive();
	}

	/** The error the consumer thread died of, if it did. */
	public synchronized Throwable failure() {
		return (this.loop != null) ? this.loop.failure() : null;
	}

	private Map<String, Object> consumerProperties() {
		Map<String, Object> properties = new HashMap<>(this.kafka.buildConsumerProperties());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, this.settings.groupId());
		if (!this.settings.clientId().isEmpty()) {
			properties.put(ConsumerConfig.CLIENT_ID_CONFIG, this.settings.clientId());
		}
		else {
			properties.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		}
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
