package io.laas.webhooks.delivery.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseExcerptTest {

	private static final int KIB = 1024;

	@Test
	void of_keepsAShortBody_asIs() {
		assertThat(ResponseExcerpt.of("{\"ok\": true}".getBytes(StandardCharsets.UTF_8), KIB)).isEqualTo("{\"ok\": true}");
	}

	@Test
	void of_isNull_forAnEmptyBody() {
		assertThat(ResponseExcerpt.of(new byte[0], KIB)).isNull();
		assertThat(ResponseExcerpt.of(null, KIB)).isNull();
		assertThat(ResponseExcerpt.of("x".getBytes(StandardCharsets.UTF_8), 0)).isNull();
	}

	@Test
	void of_cutsALongBody_atTheLimit() {
		byte[] body = "a".repeat(5000).getBytes(StandardCharsets.UTF_8);

		assertThat(ResponseExcerpt.of(body, KIB)).hasSize(KIB);
	}

	@Test
	void of_dropsACharacterTheLimitCutInHalf_insteadOfShowingU_FFFD() {
		// 1023 ASCII bytes, then "é" (2 bytes): the read limit keeps only its first byte.
		byte[] body = ("a".repeat(1023) + "é").getBytes(StandardCharsets.UTF_8);
		byte[] read = Arrays.copyOf(body, KIB);

		String excerpt = ResponseExcerpt.of(read, KIB);

		assertThat(excerpt).isEqualTo("a".repeat(1023));
		// A 4-byte character cut after 1, 2 or 3 bytes.
		for (int kept = 1; kept <= 3; kept++) {
			byte[] emoji = ("a".repeat(KIB - kept) + "\uD83D\uDE00").getBytes(StandardCharsets.UTF_8);
			assertThat(ResponseExcerpt.of(Arrays.copyOf(emoji, KIB), KIB)).isEqualTo("a".repeat(KIB - kept));
		}
	}

	@Test
	void of_staysWithinTheLimit_whenReplacementsGrowTheText() {
		// Every 0xFF is invalid UTF-8 and becomes U+FFFD, three bytes in UTF-8.
		byte[] body = new byte[KIB];
		Arrays.fill(body, (byte) 0xFF);

		String excerpt = ResponseExcerpt.of(body, KIB);

		assertThat(excerpt).isEqualTo("\uFFFD".repeat(KIB / 3));
		assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(KIB);
	}

	@Test
	void of_removesNul_whichPostgresTextCannotHold() {
		assertThat(ResponseExcerpt.of("a\u0000b".getBytes(StandardCharsets.UTF_8), KIB)).isEqualTo("ab");
	}

	@Test
	void of_neverExceedsTheLimit_forRandomBytes() {
		Random random = new Random(42);
		for (int run = 0; run < 2_000; run++) {
			byte[] body = new byte[random.nextInt(3 * KIB)];
			random.nextBytes(body);
			int limit = 1 + random.nextInt(KIB);
			String excerpt = ResponseExcerpt.of(Arrays.copyOf(body, Math.min(body.length, limit)), limit);
			if (excerpt != null) {
				assertThat(excerpt.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
				assertThat(excerpt).doesNotContain("\u0000");
			}
		}
	}

	@Test
	void incompleteTail_findsOnlyASequenceTheCutLeftOpen() {
		assertThat(ResponseExcerpt.incompleteTail("abc".getBytes(StandardCharsets.UTF_8), 3)).isZero();
		assertThat(ResponseExcerpt.incompleteTail("aé".getBytes(StandardCharsets.UTF_8), 3)).isZero();
		assertThat(ResponseExcerpt.incompleteTail("aé".getBytes(StandardCharsets.UTF_8), 2)).isEqualTo(1);
		assertThat(ResponseExcerpt.incompleteTail("€".getBytes(StandardCharsets.UTF_8), 2)).isEqualTo(2);
		// Not UTF-8 at all: left to the decoder.
		assertThat(ResponseExcerpt.incompleteTail(new byte[] { (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, 4))
			.isZero();
		assertThat(ResponseExcerpt.incompleteTail(new byte[] { 'a', (byte) 0xFF }, 2)).isZero();
	}

}
