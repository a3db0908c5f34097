package io.laas.command.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.laas.command.web.ApiProblem;

/**
 * Token buckets (Bucket4j), one per API key, per source address and per e-mail. In memory per instance: with N
 * instances behind a balancer a client gets up to N times the rate, which is acceptable for abuse protection
 * (not for billing). Refusals are {@code 429 rate-limited} with {@code Retry-After}.
 */
@Component
public class RateLimits {

	/**
	 * @param apiKeyRequestsPerSecond sustained requests per API key (bursts up to twice that)
	 * @param authAttemptsPerMinute sign-ups and log-ins per source address
	 * @param failedLoginsPer15Minutes failed log-ins per e-mail before further attempts wait
	 */
	@ConfigurationProperties("laas.rate-limits")
	public record Settings(Integer apiKeyRequestsPerSecond, Integer authAttemptsPerMinute,
			Integer failedLoginsPer15Minutes) {

		public Settings {
			apiKeyRequestsPerSecond = apiKeyRequestsPerSecond == null ? 20_000 : apiKeyRequestsPerSecond;
			authAttemptsPerMinute = authAttemptsPerMinute == null ? 30 : authAttemptsPerMinute;
			failedLoginsPer15Minutes = failedLoginsPer15Minutes == null ? 5 : failedLoginsPer15Minutes;
			if (apiKeyRequestsPerSecond < 1 || authAttemptsPerMinute < 1 || failedLoginsPer15Minutes < 1) {
				throw new IllegalArgumentException("laas.rate-limits.* must be positive");
			}
		}

	}

	private final Settings settings;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	public RateLimits(Settings settings) {
		this.settings = settings;
	}

	public void apiKey(String keyId) {
		take("key:" + keyId, () -> Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(2L * settings.apiKeyRequestsPerSecond())
				.refillGreedy(settings.apiKeyRequestsPerSecond(), Duration.ofSeconds(1))
				.build())
			.build(), "Too many requests for this API key.");
	}

	public void authAttempt(String source) {
		take("auth:" + source, () -> Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(settings.authAttemptsPerMinute())
				.refillGreedy(settings.authAttemptsPerMinute(), Duration.ofMinutes(1))
				.build())
			.build(), "Too many sign-up or log-in attempts from this address.");
	}

	/** Refuses when the e-mail already used up its failed attempts; does not consume. */
	public void checkFailedLogins(String email) {
		Bucket bucket = buckets.get("failed:" + email);
		if (bucket == null) {
			return;
		}
		io.github.bucket4j.EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		if (!probe.canBeConsumed()) {
			throw refused(probe.getNanosToWaitForRefill(), "Too many failed log-ins for this account; wait and retry.");
		}
	}

	public void failedLogin(String email) {
		buckets.computeIfAbsent("failed:" + email, k -> Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(settings.failedLoginsPer15Minutes())
				.refillGreedy(settings.failedLoginsPer15Minutes(), Duration.ofMinutes(15))
				.build())
			.build()).tryConsume(1);
	}

	private void take(String name, Supplier<Bucket> create, String detail) {
		ConsumptionProbe probe = buckets.computeIfAbsent(name, k -> create.get()).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw refused(probe.getNanosToWaitForRefill(), detail);
		}
	}

	private static ApiProblem refused(long nanosToWait, String detail) {
		long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
		return new RateLimited(seconds, detail);
	}

	/** Full buckets carry no information: dropping them bounds the memory of one-off sources. */
	@Scheduled(fixedDelay = 600_000)
	void forgetFullBuckets() {
		buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
	}

	private long capacityOf(String name) {
		if (name.startsWith("key:")) {
			return 2L * settings.apiKeyRequestsPerSecond();
		}
		return name.startsWith("auth:") ? settings.authAttemptsPerMinute() : settings.failedLoginsPer15Minutes();
	}

	/** A 429 with how long to wait. */
	public static final class RateLimited extends ApiProblem {

		private final long retryAfterSeconds;

		RateLimited(long retryAfterSeconds, String detail) {
			super(429, "rate-limited", "Too many requests", detail + " Retry after " + retryAfterSeconds + " s.",
					List.of());
			this.retryAfterSeconds = retryAfterSeconds;
		}

		@Override
		public long retryAfterSeconds() {
			return retryAfterSeconds;
		}

	}

}
