/** The sender's machinery: the delivery store (claim, record) and the HTTP attempt. Not for other capabilities. */
package io.laas.webhooks.delivery.internal;
