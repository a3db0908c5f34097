package io.laas.infra;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic creation for tests and the dev stack; the broker does not auto-create topics.
 */
public final class KafkaTopics {

	private static final int CREATE_TIMEOUT_MS = 30_000;

	private KafkaTopics() {
	}

	/**
	 * Creates the topic, or does nothing if it exists (whatever its settings).
	 * @param configs topic-level settings such as {@code cleanup.policy}; empty for the broker defaults
	 */
	public static void createTopic(String bootstrapServers, String name, int partitions, short replicationFactor,
			Map<String, String> configs) {
		Properties adminConfig = new Properties();
		adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CREATE_TIMEOUT_MS);
		try (Admin admin = Admin.create(adminConfig)) {
			NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(configs);
			admin.createTopics(List.of(topic)).all().get(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("could not create topic " + name, ex.getCause());
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("topic " + name + " not created within " + CREATE_TIMEOUT_MS + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating topic " + name, ex);
		}
	}

}
