/**
 * Intake: reads the ledger events topic and, in one transaction per poll, creates the deliveries (event ×
 * subscribed endpoint) in {@code webhooks.deliveries}. Reads {@code public.webhook_endpoints}; writes nothing else.
 */
package io.laas.webhooks.intake;
