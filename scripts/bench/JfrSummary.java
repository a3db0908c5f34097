import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of {@code ./laas bench} (LAAS_BENCH_PROFILE=1) as text, JDK only:
 * {@code java scripts/bench/JfrSummary.java FILE.jfr [top]}. Prints where the CPU samples fall (thread groups,
 * library of the top frame, the hottest methods, the LaaS methods nearest to the top), GC pauses and the monitors
 * threads blocked on. Open the .jfr in JDK Mission Control for more.
 */
public final class JfrSummary {

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("usage: JfrSummary FILE.jfr [top]");
			System.exit(2);
		}
		int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
		Map<String, Long> threads = new HashMap<>();
		Map<String, Long> libraries = new HashMap<>();
		Map<String, Long> selfMethods = new HashMap<>();
		Map<String, Long> laasMethods = new HashMap<>();
		Map<String, Long> monitors = new HashMap<>();
		long samples = 0;
		long gcPauses = 0;
		Duration gcPause = Duration.ZERO;
		Duration blocked = Duration.ZERO;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			String type = event.getEventType().getName();
			if (type.equals("jdk.ExecutionSample")) {
				samples++;
				String thread = event.getThread("sampledThread") == null ? "?"
						: event.getThread("sampledThread").getJavaName();
				threads.merge(threadGroup(thread), 1L, Long::sum);
				RecordedStackTrace stack = event.getStackTrace();
				List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
				if (frames.isEmpty()) {
					continue;
				}
				String self = method(frames.get(0));
				selfMethods.merge(self, 1L, Long::sum);
				libraries.merge(library(self), 1L, Long::sum);
				for (RecordedFrame frame : frames) {
					String name = method(frame);
					if (name.startsWith("io.laas.")) {
						laasMethods.merge(name, 1L, Long::sum);
						break;
					}
				}
			}
			else if (type.equals("jdk.GCPhasePause")) {
				gcPauses++;
				gcPause = gcPause.plus(event.getDuration());
			}
			else if (type.equals("jdk.JavaMonitorEnter")) {
				blocked = blocked.plus(event.getDuration());
				String monitor = event.getClass("monitorClass") == null ? "?" : event.getClass("monitorClass").getName();
				monitors.merge(monitor, event.getDuration().toMillis(), Long::sum);
			}
		}
		System.out.printf(Locale.ROOT, "%s: %d CPU samples; GC: %d pauses, %d ms in total; threads blocked entering "
				+ "monitors for %d ms (events over the profile threshold)%n", Path.of(args[0]).getFileName(), samples,
				gcPauses, gcPause.toMillis(), blocked.toMillis());
		print("threads", threads, samples, top);
		print("library of the top frame", libraries, samples, top);
		print("hottest methods (self)", selfMethods, samples, top);
		print("nearest LaaS method on the stack", laasMethods, samples, top);
		if (!monitors.isEmpty()) {
			print("monitors blocked on (ms)", monitors, 0, top);
		}
	}

	private static void print(String title, Map<String, Long> counts, long total, int top) {
		System.out.println("  " + title + ":");
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach((e) -> {
				if (total > 0) {
					System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey());
				}
				else {
					System.out.printf(Locale.ROOT, "    %7d  %s%n", e.getValue(), e.getKey());
				}
			});
	}

	private static String method(RecordedFrame frame) {
		if (frame.getMethod() == null) {
			return "?";
		}
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	/** "http-nio-8080-exec-12" -> "http-nio-8080-exec-#". */
	private static String threadGroup(String name) {
		return name.replaceAll("\\d+", "#");
	}

	private static String library(String method) {
		String[][] known = { { "io.laas.", "LaaS" }, { "org.postgresql.", "PostgreSQL JDBC" },
				{ "com.zaxxer.hikari.", "HikariCP" }, { "com.fasterxml.jackson.", "Jackson" },
				{ "tools.jackson.", "Jackson" }, { "org.apache.catalina.", "Tomcat" }, { "org.apache.coyote.", "Tomcat" },
				{ "org.apache.tomcat.", "Tomcat" }, { "org.springframework.", "Spring" },
				{ "io.debezium.", "Debezium" }, { "org.apache.kafka.", "Kafka client" },
				{ "ch.qos.logback.", "Logback" }, { "org.slf4j.", "SLF4J" }, { "io.micrometer.", "Micrometer" },
				{ "sun.nio.", "JDK NIO" }, { "java.util.regex.", "JDK regex" }, { "java.math.", "JDK BigDecimal" },
				{ "java.", "JDK other" }, { "jdk.", "JDK other" }, { "sun.", "JDK other" } };
		for (String[] entry : known) {
			if (method.startsWith(entry[0])) {
				return entry[1];
			}
		}
		int dot = method.indexOf('.', method.indexOf('.') + 1);
		return dot > 0 ? method.substring(0, dot) : method;
	}

}
