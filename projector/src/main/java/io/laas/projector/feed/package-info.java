/**
 * Reading the ledger events topic: a plain {@code KafkaConsumer} loop under a {@code SmartLifecycle}, so that the
 * order "poll, apply in one DB transaction, then commit offsets" and the pausing of a halted partition are spelled
 * out in one place. Creates the topic and its dead-letter topic at start-up; sends unreadable records to the
 * dead-letter topic. Scaling is Kafka's: instances in one consumer group share the partitions.
 */
package io.laas.projector.feed;
