/**
 * The sender: claims due deliveries, sends them (HTTP, Standard Webhooks headers), classifies the outcome
 * ({@link io.laas.webhooks.delivery.Verdict}), schedules retries ({@link io.laas.webhooks.delivery.RetrySchedule})
 * and records every attempt in {@code webhooks.delivery_attempts}.
 */
package io.laas.webhooks.delivery;
