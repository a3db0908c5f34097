/**
 * Webhook endpoints of a ledger (public API {@code /v1/webhook-endpoints} and the dashboard), and the dashboard's
 * view of the delivery log that the webhook-dispatcher writes in schema {@code webhooks}.
 */
package io.laas.command.webhook;
