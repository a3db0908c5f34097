/** Intake's store: reads endpoint subscriptions, inserts deliveries. Not for other capabilities. */
package io.laas.webhooks.intake.internal;
