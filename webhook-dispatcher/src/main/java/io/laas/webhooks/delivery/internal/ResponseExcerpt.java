package io.laas.webhooks.delivery.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text kept of a response body in {@code delivery_attempts.response_excerpt}: the first bytes as UTF-8, with
 * what is not UTF-8 replaced (U+FFFD), NUL removed (PostgreSQL text cannot hold it), and cut so that its UTF-8
 * encoding is at most {@code bytesMax} bytes. The bytes read are already at most that many, but decoding can
 * grow them (one invalid byte becomes a 3-byte U+FFFD), so the limit is applied again to the text. A multi-byte
 * character cut by the read limit is dropped rather than shown as U+FFFD.
 */
final class ResponseExcerpt {

	private ResponseExcerpt() {
	}

	/** @return null for an empty body */
	static String of(byte[] body, int bytesMax) {
		if (body == null || body.length == 0 || bytesMax <= 0) {
			return null;
		}
		int length = Math.min(body.length, bytesMax);
		length -= incompleteTail(body, length);
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		CharBuffer chars;
		try {
			chars = decoder.decode(ByteBuffer.wrap(body, 0, length));
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			// REPLACE never throws; a JVM that does is broken.
			throw new IllegalStateException(ex);
		}
		StringBuilder text = new StringBuilder(chars.length());
		int bytes = 0;
		for (int i = 0; i < chars.length();) {
			int codePoint = Character.codePointAt(chars, i);
			i += Character.charCount(codePoint);
			if (codePoint == 0) {
				continue;
			}
			int size = utf8Length(codePoint);
			if (bytes + size > bytesMax) {
				break;
			}
			bytes += size;
			text.appendCodePoint(codePoint);
		}
		return (text.length() == 0) ? null : text.toString();
	}

	/**
	 * Bytes at the end of {@code body[0, length)} that start a UTF-8 sequence the cut left incomplete (0 if the
	 * last sequence is complete or not UTF-8 at all).
	 */
	static int incompleteTail(byte[] body, int length) {
		// A sequence is at most 4 bytes: its lead byte is at most 4 back.
		for (int back = 1; back <= Math.min(4, length); back++) {
			int b = body[length - back] & 0xFF;
			if ((b & 0xC0) == 0x80) {
				continue; // continuation byte: keep looking for the lead byte
			}
			return (sequenceLength(b) > back) ? back : 0;
		}
		return 0;
	}

	/** Length of the UTF-8 sequence this lead byte starts; 1 for ASCII and for bytes that lead nothing. */
	private static int sequenceLength(int leadByte) {
		if (leadByte >= 0xC2 && leadByte <= 0xDF) {
			return 2;
		}
		if (leadByte >= 0xE0 && leadByte <= 0xEF) {
			return 3;
		}
		return (leadByte >= 0xF0 && leadByte <= 0xF4) ? 4 : 1;
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

}
