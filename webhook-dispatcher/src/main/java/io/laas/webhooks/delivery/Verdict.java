package io.laas.webhooks.delivery;

import java.time.Duration;

/**
 * What one attempt means for its delivery.
 *
 * <ul>
 * <li>2xx: {@link Kind#SUCCEEDED}.</li>
 * <li>410 Gone: {@link Kind#GONE}, the delivery fails and the endpoint is disabled.</li>
 * <li>429 and 503: {@link Kind#RETRY}, after the Retry-After delay if the receiver sent one.</li>
 * <li>other 4xx: {@link Kind#FAILED}, not retried: the receiver refuses this request and would refuse it again.</li>
 * <li>3xx (redirects are not followed), 5xx, other codes, timeouts, network errors, and attempts refused before
 * sending (SSRF guard, unusable secret): {@link Kind#RETRY} on the schedule, because a fix of the endpoint's URL or
 * of the receiver makes the next attempt succeed.</li>
 * </ul>
 *
 * @param reason short code for metrics and logs: {@code http_2xx}, {@code http_3xx}, {@code http_4xx},
 * {@code http_410}, {@code http_429}, {@code http_5xx}, {@code timeout}, {@code network}, {@code refused_target},
 * {@code bad_secret}
 * @param retryAfter the receiver's Retry-After, or null
 */
public record Verdict(Kind kind, String reason, Duration retryAfter) {

	public enum Kind {

		SUCCEEDED, RETRY, FAILED, GONE

	}

	public static Verdict ofStatus(int status, Duration retryAfter) {
		if (status >= 200 && status <= 299) {
			return new Verdict(Kind.SUCCEEDED, "http_2xx", null);
		}
		if (status == 410) {
			return new Verdict(Kind.GONE, "http_410", null);
		}
		if (status == 429) {
			return new Verdict(Kind.RETRY, "http_429", retryAfter);
		}
		if (status == 503) {
			return new Verdict(Kind.RETRY, "http_5xx", retryAfter);
		}
		if (status >= 300 && status <= 399) {
			return new Verdict(Kind.RETRY, "http_3xx", null);
		}
		if (status >= 400 && status <= 499) {
			return new Verdict(Kind.FAILED, "http_4xx", null);
		}
		if (status >= 500 && status <= 599) {
			return new Verdict(Kind.RETRY, "http_5xx", null);
		}
		return new Verdict(Kind.RETRY, "http_other", null);
	}

	public static Verdict retry(String reason) {
		return new Verdict(Kind.RETRY, reason, null);
	}

	public boolean succeeded() {
		return this.kind == Kind.SUCCEEDED;
	}

}
