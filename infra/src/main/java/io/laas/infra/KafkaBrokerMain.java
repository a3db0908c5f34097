package io.laas.infra;

import java.io.IOException;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the broker child process started by {@link LocalKafka}: formats the storage when asked to (in
 * this JVM, saving a second JVM start), then runs {@code kafka.Kafka}. It exits when its parent dies, however the
 * parent dies.
 */
public final class KafkaBrokerMain {

	private KafkaBrokerMain() {
	}

	/**
	 * @param args the server.properties path, then the cluster id to format the storage with when it is not yet
	 * formatted
	 */
	public static void main(String[] args) {
		exitWhenParentDies();
		String propertiesFile = args[0];
		if (args.length > 1) {
			int formatExitCode = StorageTool.execute(new String[] { "format", "-t", args[1], "-c", propertiesFile },
					System.out);
			if (formatExitCode != 0) {
				System.exit(formatExitCode);
			}
		}
		Kafka.main(new String[] { propertiesFile });
	}

	/**
	 * The parent keeps our stdin open as a pipe; the kernel closes it when the parent exits, even on kill -9, when
	 * no shutdown hook of the parent runs. System.exit runs Kafka's own hook, a clean broker shutdown.
	 */
	private static void exitWhenParentDies() {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() != -1) {
					// The parent never writes; anything read is ignored.
				}
			}
			catch (IOException ex) {
				// A broken pipe means the same as end of stream.
			}
			System.exit(0);
		}, "parent-watcher");
		watcher.setDaemon(true);
		watcher.start();
	}

}
