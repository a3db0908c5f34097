/**
 * Standard Webhooks signing ({@code webhook-signature: v1,<base64 HMAC-SHA256>}): secrets in the {@code whsec_}
 * form, signing with one or two secrets during a rotation, and the receiver's constant-time check. Pure Java: no
 * Spring, JDBC or Kafka.
 */
package io.laas.webhooks.signing;
