package io.laas.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

	private static final List<Duration> PRODUCTION = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
			Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

	private final RetrySchedule schedule = new RetrySchedule(PRODUCTION, 10);

	@Test
	void delayAfter_followsTheSchedule_withoutJitterAtTheMidpoint() {
		for (int failures = 1; failures < PRODUCTION.size(); failures++) {
			assertThat(this.schedule.delayAfter(failures, () -> 0.5)).contains(PRODUCTION.get(failures));
		}
	}

	@Test
	void delayAfter_variesByAtMostTenPercent() {
		assertThat(this.schedule.delayAfter(2, () -> 0.0)).contains(Duration.ofSeconds(270));
		assertThat(this.schedule.delayAfter(2, () -> 0.999_999_999).orElseThrow())
			.isLessThanOrEqualTo(Duration.ofSeconds(330))
			.isGreaterThan(Duration.ofSeconds(329));
		assertThat(this.schedule.delayAfter(6, () -> 0.0)).contains(Duration.ofHours(9));
	}

	@Test
	void delayAfter_isEmpty_whenTheScheduleIsExhausted_soTheDeliveryIsDead() {
		assertThat(this.schedule.attemptsMax()).isEqualTo(8);
		assertThat(this.schedule.delayAfter(7, () -> 0.5)).contains(Duration.ofHours(10));
		assertThat(this.schedule.delayAfter(8, () -> 0.5)).isEqualTo(Optional.empty());
		assertThat(this.schedule.delayAfter(100, () -> 0.5)).isEmpty();
	}

	@Test
	void firstDelay_isTheFirstEntry() {
		assertThat(this.schedule.firstDelay()).isZero();
	}

	@Test
	void delayAfter_refusesZeroFailures() {
		assertThatThrownBy(() -> this.schedule.delayAfter(0, () -> 0.5)).isInstanceOf(IllegalArgumentException.class);
	}

}
