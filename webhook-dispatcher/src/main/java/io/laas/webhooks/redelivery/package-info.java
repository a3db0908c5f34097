/**
 * Redelivery, the dispatcher's public entry point for other modules: {@link io.laas.webhooks.redelivery.Redeliveries}
 * makes a finished delivery pending again. See the module README for the table semantics behind it.
 */
package io.laas.webhooks.redelivery;
