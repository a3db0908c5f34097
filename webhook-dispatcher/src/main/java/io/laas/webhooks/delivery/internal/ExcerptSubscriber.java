package io.laas.webhooks.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@code bytesMax} bytes of a response body and stops reading there: a receiver answering with a
 * huge or endless body costs at most that much memory. Completes with what it has on error, since the status
 * code already says what the attempt achieved.
 */
final class ExcerptSubscriber implements HttpResponse.BodySubscriber<byte[]> {

	private final int bytesMax;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<byte[]> result = new CompletableFuture<>();

	private Flow.Subscription subscription;

	ExcerptSubscriber(int bytesMax) {
		this.bytesMax = bytesMax;
	}

	static HttpResponse.BodyHandler<byte[]> handler(int bytesMax) {
		return (responseInfo) -> new ExcerptSubscriber(bytesMax);
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.result;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.bytesMax == 0) {
			finish();
			return;
		}
		subscription.request(1);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.result.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			int room = this.bytesMax - this.bytes.size();
			int take = Math.min(room, buffer.remaining());
			byte[] chunk = new byte[take];
			buffer.get(chunk);
			this.bytes.write(chunk, 0, take);
			if (this.bytes.size() >= this.bytesMax) {
				finish();
				return;
			}
		}
		this.subscription.request(1);
	}

	@Override
	public void onError(Throwable throwable) {
		this.result.complete(this.bytes.toByteArray());
	}

	@Override
	public void onComplete() {
		this.result.complete(this.bytes.toByteArray());
	}

	private void finish() {
		this.result.complete(this.bytes.toByteArray());
		this.subscription.cancel();
	}

}
