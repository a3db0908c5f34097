import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Inclusive CPU samples per method of the threads whose name starts with a prefix: the share of those threads'
 * samples in which the method is anywhere on the stack. JDK only: {@code java scripts/bench/JfrInclusive.java
 * FILE.jfr THREAD_PREFIX [top] [package-filter]}, e.g. {@code http-nio 60 io.laas} for the request threads' LaaS
 * methods. Stacks deeper than JFR's stack depth (64 by default) lose their bottom frames: start the recording with
 * {@code -XX:FlightRecorderOptions:stackdepth=256} for whole request stacks. With a fifth argument METHOD
 * ({@code Class.method}), counts the callers of that method instead: which code reaches it, and how often.
 */
public final class JfrInclusive {

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: JfrInclusive FILE.jfr THREAD_PREFIX [top] [package-filter]");
			System.exit(2);
		}
		String prefix = args[1];
		int top = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		String filter = args.length > 3 ? args[3] : "";
		String callee = args.length > 4 ? args[4] : null;
		Map<String, Long> inclusive = new HashMap<>();
		long samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			String thread = event.getThread("sampledThread") == null ? "?"
					: String.valueOf(event.getThread("sampledThread").getJavaName());
			if (!thread.startsWith(prefix)) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null) {
				continue;
			}
			samples++;
			Set<String> seen = new HashSet<>();
			List<RecordedFrame> frames = stack.getFrames();
			if (callee != null) {
				for (int i = 0; i + 1 < frames.size(); i++) {
					RecordedFrame frame = frames.get(i);
					if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).equals(callee)) {
						RecordedFrame caller = frames.get(i + 1);
						String name = caller.getMethod().getType().getName() + "." + caller.getMethod().getName();
						if (name.startsWith(filter) && seen.add(name)) {
							inclusive.merge(name, 1L, Long::sum);
						}
					}
				}
				continue;
			}
			for (RecordedFrame frame : frames) {
				if (!frame.isJavaFrame()) {
					continue;
				}
				String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
				if (name.startsWith(filter) && seen.add(name)) {
					inclusive.merge(name, 1L, Long::sum);
				}
			}
		}
		System.out.printf("%d samples of threads %s*%n", samples, prefix);
		long total = samples;
		inclusive.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach(e -> System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
	}

}
