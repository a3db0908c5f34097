package io.laas.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The end of a server log, for the message of a start-up failure: the cause is nearly always in the last lines.
 */
final class LogTail {

	private static final int TAIL_BYTES_MAX = 6_000;

	private LogTail() {
	}

	static String of(Path logFile) {
		try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
			long start = Math.max(0, file.length() - TAIL_BYTES_MAX);
			byte[] tail = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(tail);
			return "\n--- last lines of " + logFile + " ---\n" + new String(tail, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "\n(no log at " + logFile + ": " + ex.getMessage() + ")";
		}
	}

}
