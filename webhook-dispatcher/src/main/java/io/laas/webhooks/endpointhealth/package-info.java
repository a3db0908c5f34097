/**
 * Endpoint health: since when an endpoint has been failing, and disabling it (410 Gone, or failing for days) with
 * an audit_log row. Writes {@code webhooks.endpoint_health}, {@code public.webhook_endpoints} (enabled,
 * disabled_reason) and {@code public.audit_log}.
 */
package io.laas.webhooks.endpointhealth;
