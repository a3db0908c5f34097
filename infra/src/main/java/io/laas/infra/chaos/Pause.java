package io.laas.infra.chaos;

/** Waiting in the harness (never in tests): an interrupt ends the wait and keeps the flag. */
final class Pause {

	private Pause() {
	}

	static void millis(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
