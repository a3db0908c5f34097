/**
 * The webhook-dispatcher: {@code intake} turns ledger events from Kafka into deliveries, {@code delivery} sends
 * them (signed by {@code signing}, to targets checked by {@code targets}), {@code endpointhealth} disables
 * endpoints that keep failing, and {@code redelivery} is the one entry point other modules may call.
 */
package io.laas.webhooks;
