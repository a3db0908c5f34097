package io.laas.command.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitsTest {

	private final RateLimits limits = new RateLimits(new RateLimits.Settings(5, 3, 2));

	@Test
	void authAttempts_beyondTheLimitPerSource_areRefusedWithAWait() {
		for (int i = 0; i < 3; i++) {
			limits.authAttempt("10.0.0.1");
		}
		assertThatThrownBy(() -> limits.authAttempt("10.0.0.1")).isInstanceOfSatisfying(RateLimits.RateLimited.class,
				limited -> {
					assertThat(limited.status()).isEqualTo(429);
					assertThat(limited.code()).isEqualTo("rate-limited");
					assertThat(limited.retryAfterSeconds()).isBetween(1L, 60L);
				});
		limits.authAttempt("10.0.0.2");
	}

	@Test
	void apiKeys_getABurstOfTwiceTheirRate_thenWait() {
		for (int i = 0; i < 10; i++) {
			limits.apiKey("k");
		}
		assertThatThrownBy(() -> limits.apiKey("k")).isInstanceOf(RateLimits.RateLimited.class);
	}

	@Test
	void failedLogins_lockTheAccountOnlyAfterTheLimit() {
		limits.failedLogin("a@example.com");
		limits.checkFailedLogins("a@example.com");
		limits.failedLogin("a@example.com");
		assertThatThrownBy(() -> limits.checkFailedLogins("a@example.com")).isInstanceOf(RateLimits.RateLimited.class);
		limits.checkFailedLogins("b@example.com");
	}

}
