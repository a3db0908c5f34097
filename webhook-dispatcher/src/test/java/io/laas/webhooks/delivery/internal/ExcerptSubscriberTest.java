package io.laas.webhooks.delivery.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The response body is read up to the excerpt limit and no further: the subscriber cancels there. */
class ExcerptSubscriberTest {

	/** Counts what the subscriber asks of the body stream. */
	private static final class Stream implements Flow.Subscription {

		long requested;

		boolean cancelled;

		@Override
		public void request(long n) {
			this.requested += n;
		}

		@Override
		public void cancel() {
			this.cancelled = true;
		}

	}

	private static ByteBuffer bytes(int count) {
		return ByteBuffer.wrap(new byte[count]);
	}

	@Test
	void stopsReading_andCancels_atTheLimit() throws Exception {
		ExcerptSubscriber subscriber = new ExcerptSubscriber(1024);
		Stream stream = new Stream();

		subscriber.onSubscribe(stream);
		assertThat(stream.requested).isEqualTo(1);
		subscriber.onNext(List.of(bytes(600)));
		assertThat(stream.requested).isEqualTo(2);
		subscriber.onNext(List.of(bytes(16 * 1024), bytes(16 * 1024)));

		assertThat(stream.cancelled).isTrue();
		assertThat(stream.requested).as("nothing more asked for after the limit").isEqualTo(2);
		assertThat(subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS)).hasSize(1024);
		// The stream may still push what was in flight: ignored.
		subscriber.onNext(List.of(bytes(100)));
		assertThat(subscriber.getBody().toCompletableFuture().get()).hasSize(1024);
	}

	@Test
	void keepsAShortBody_whole() throws Exception {
		ExcerptSubscriber subscriber = new ExcerptSubscriber(1024);
		Stream stream = new Stream();

		subscriber.onSubscribe(stream);
		subscriber.onNext(List.of(bytes(10), bytes(20)));
		subscriber.onComplete();

		assertThat(stream.cancelled).isFalse();
		assertThat(subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS)).hasSize(30);
	}

	@Test
	void readsNothing_whenTheLimitIsZero() throws Exception {
		ExcerptSubscriber subscriber = new ExcerptSubscriber(0);
		Stream stream = new Stream();

		subscriber.onSubscribe(stream);

		assertThat(stream.requested).isZero();
		assertThat(stream.cancelled).isTrue();
		assertThat(subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void keepsWhatItHas_whenTheConnectionBreaks() throws Exception {
		ExcerptSubscriber subscriber = new ExcerptSubscriber(1024);
		subscriber.onSubscribe(new Stream());
		subscriber.onNext(List.of(bytes(10)));

		subscriber.onError(new java.io.IOException("connection reset"));

		assertThat(subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS)).hasSize(10);
	}

}
