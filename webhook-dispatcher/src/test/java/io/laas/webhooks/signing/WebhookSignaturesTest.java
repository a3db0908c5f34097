package io.laas.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignaturesTest {

	// The published Standard Webhooks test vector, as asserted by the reference Java library
	// (standard-webhooks/libraries/java WebhookTest.verifyWebhookSignWorks) and the other reference libraries.
	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final long TIMESTAMP = 1614265330;

	private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	@Test
	void sign_reproducesTheStandardWebhooksTestVector() {
		assertThat(WebhookSignatures.sign(WebhookSecret.parse(SECRET), ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
	}

	@Test
	void parse_acceptsTheSecretWithoutPrefix_likeTheReferenceLibraries() {
		WebhookSecret bare = WebhookSecret.parse(SECRET.substring("whsec_".length()));
		assertThat(WebhookSignatures.sign(bare, ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
	}

	@Test
	void header_holdsOneSignaturePerSecret_spaceSeparated_newestFirst() {
		WebhookSecret current = WebhookSecret.parse("whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
		WebhookSecret previous = WebhookSecret.parse(SECRET);
		String header = WebhookSignatures.header(List.of(current, previous), ID, TIMESTAMP, BODY);
		String[] signatures = header.split(" ");
		assertThat(signatures).hasSize(2);
		assertThat(signatures[1]).isEqualTo(EXPECTED);
		assertThat(signatures[0]).startsWith("v1,").isNotEqualTo(EXPECTED);
		assertThat(WebhookSignatures.verify(current, header, ID, TIMESTAMP, BODY)).isTrue();
		assertThat(WebhookSignatures.verify(previous, header, ID, TIMESTAMP, BODY)).isTrue();
	}

	@Test
	void verify_acceptsTheVector_andRefusesAnyChange() {
		WebhookSecret secret = WebhookSecret.parse(SECRET);
		assertThat(WebhookSignatures.verify(secret, EXPECTED, ID, TIMESTAMP, BODY)).isTrue();
		assertThat(WebhookSignatures.verify(secret, "v1,bm9wZQ== " + EXPECTED, ID, TIMESTAMP, BODY)).isTrue();
		assertThat(WebhookSignatures.verify(secret, EXPECTED, ID, TIMESTAMP + 1, BODY)).isFalse();
		assertThat(WebhookSignatures.verify(secret, EXPECTED, ID + "x", TIMESTAMP, BODY)).isFalse();
		assertThat(WebhookSignatures.verify(secret, EXPECTED, ID, TIMESTAMP,
				"{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
			.isFalse();
		assertThat(WebhookSignatures.verify(secret, "v2," + EXPECTED.substring(3), ID, TIMESTAMP, BODY)).isFalse();
		assertThat(WebhookSignatures.verify(secret, "v1,not base64!", ID, TIMESTAMP, BODY)).isFalse();
		assertThat(WebhookSignatures.verify(secret, "", ID, TIMESTAMP, BODY)).isFalse();
	}

	@Test
	void parse_refusesWhatIsNotBase64_withoutEchoingTheSecret() {
		assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageNotContaining("not*base64");
		assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
		assertThat(WebhookSecret.parse(SECRET).toString()).doesNotContain("MfKQ");
	}

}
