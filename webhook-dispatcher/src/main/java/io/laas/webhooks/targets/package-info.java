/**
 * The SSRF guard: which URLs and IP addresses a webhook may be sent to. Pure Java: no Spring, JDBC or Kafka.
 */
package io.laas.webhooks.targets;
