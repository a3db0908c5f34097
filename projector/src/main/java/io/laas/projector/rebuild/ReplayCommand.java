package io.laas.projector.rebuild;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.laas.projector.ProjectorApplication;

/**
 * {@code java -jar projector.jar replay [--drop-old] [--laas.replay.*=...]}: the projector started without its feed
 * and without a web server (the live projector of the stack keeps its port and keeps projecting), runs one
 * {@link Replay}, prints progress lines and a summary to {@code out}, and ends. {@code ./laas replay} runs it.
 */
public final class ReplayCommand {

	private ReplayCommand() {
	}

	public static boolean isRequested(String[] args) {
		return Arrays.asList(args).contains("replay") || Arrays.asList(args).contains("--replay");
	}

	/** @return the exit status: 0 once swapped, 1 if the replay failed (the live read model is then untouched) */
	public static int run(String[] args, PrintStream out) {
		List<String> arguments = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--drop-old")) {
				arguments.add("--laas.replay.drop-old=true");
			}
			else if (!arg.equals("replay") && !arg.equals("--replay")) {
				arguments.add(arg);
			}
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProjectorApplication.class)
			.web(WebApplicationType.NONE)
			.properties(ProjectorApplication.defaults())
			.properties(Map.of("laas.projector.enabled", "false"))
			.run(arguments.toArray(String[]::new))) {
			ReplaySummary summary = context.getBean(Replay.class).run(new Printer(out));
			out.println(summary.line());
			return 0;
		}
		catch (ReplayFailed ex) {
			out.println("replay failed: " + ex.getMessage());
			return 1;
		}
		catch (RuntimeException ex) {
			out.println("replay failed: " + ex + " (read_model is untouched unless the line \"replay: swapped\" was "
					+ "printed)");
			ex.printStackTrace(System.err);
			return 1;
		}
	}

	/** Progress and steps as plain lines. */
	private record Printer(PrintStream out) implements ReplayListener {

		@Override
		public void progress(ReplayProgress progress) {
			this.out.println(progress.line());
		}

		@Override
		public void step(Step step) {
			this.out.println("replay: " + switch (step) {
				case READING -> "reading the topic into the fresh tables";
				case CATCHING_UP -> "end offsets seen at start reached; catching up with the topic's end";
				case SWAPPING -> "holding the live projector back for the swap; applying the last records";
				case SWAPPED -> "swapped in";
			});
		}

		@Override
		public void note(String message) {
			this.out.println("replay: " + message);
		}

	}

}
