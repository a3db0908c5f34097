package io.laas.infra;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One JVM shutdown hook that closes every registered server in the reverse order of registration, like nested
 * try-with-resources. One hook rather than one per server because the JVM runs hooks concurrently and in no order,
 * and the dev stack must stop Kafka before PostgreSQL.
 */
final class ShutdownSequence {

	private static final Deque<AutoCloseable> openResources = new ArrayDeque<>();

	private static boolean hookInstalled;

	private ShutdownSequence() {
	}

	static synchronized void register(AutoCloseable resource) {
		if (!hookInstalled) {
			Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSequence::closeAll, "laas-infra-shutdown"));
			hookInstalled = true;
		}
		openResources.push(resource);
	}

	/** Called by a resource closed before the JVM exits, so that the hook does not close it twice. */
	static synchronized void forget(AutoCloseable resource) {
		openResources.remove(resource);
	}

	private static void closeAll() {
		while (true) {
			AutoCloseable next;
			synchronized (ShutdownSequence.class) {
				next = openResources.poll();
			}
			if (next == null) {
				return;
			}
			try {
				next.close();
			}
			catch (Exception ex) {
				// Logging may already be shut down at this point; stderr is what is left.
				System.err.println("laas-infra: closing " + next + " failed: " + ex);
			}
		}
	}

}
