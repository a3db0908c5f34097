package io.laas.webhooks.delivery;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

	@ParameterizedTest(name = "HTTP {0} -> {1}")
	@CsvSource({ "200, SUCCEEDED", "201, SUCCEEDED", "204, SUCCEEDED", "299, SUCCEEDED", "301, RETRY", "302, RETRY",
			"307, RETRY", "308, RETRY", "400, FAILED", "401, FAILED", "403, FAILED", "404, FAILED", "409, FAILED",
			"422, FAILED", "410, GONE", "429, RETRY", "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY",
			"100, RETRY", "600, RETRY" })
	void ofStatus_classifiesTheAnswer(int status, Verdict.Kind expected) {
		assertThat(Verdict.ofStatus(status, null).kind()).isEqualTo(expected);
	}

	@Test
	void ofStatus_keepsRetryAfter_onlyFor429And503() {
		Duration wait = Duration.ofSeconds(7);
		assertThat(Verdict.ofStatus(429, wait).retryAfter()).isEqualTo(wait);
		assertThat(Verdict.ofStatus(503, wait).retryAfter()).isEqualTo(wait);
		assertThat(Verdict.ofStatus(500, wait).retryAfter()).isNull();
		assertThat(Verdict.ofStatus(302, wait).retryAfter()).isNull();
	}

}
