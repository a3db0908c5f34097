package io.laas.webhooks.delivery.internal;

import java.util.Map;

import io.laas.webhooks.delivery.Verdict;

/**
 * What happened on one attempt, as recorded in delivery_attempts.
 *
 * @param sent whether a request went out (false when refused before sending)
 * @param statusCode null when no response arrived
 * @param error null for a 2xx; otherwise what went wrong, for a person
 */
public record AttemptResult(String url, Map<String, String> requestHeaders, boolean sent, Integer statusCode,
		String responseExcerpt, long latencyMs, String error, Verdict verdict) {

}
