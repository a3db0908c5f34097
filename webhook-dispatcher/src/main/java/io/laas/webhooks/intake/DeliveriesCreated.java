package io.laas.webhooks.intake;

/** Published after an intake transaction committed new deliveries, so that the sender need not wait to poll. */
public record DeliveriesCreated(int count) {

}
