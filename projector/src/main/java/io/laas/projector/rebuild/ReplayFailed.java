package io.laas.projector.rebuild;

/** A replay could not be done; the live read model is as it was. The message says why and what to do. */
public class ReplayFailed extends RuntimeException {

	public ReplayFailed(String message) {
		super(message);
	}

	public ReplayFailed(String message, Throwable cause) {
		super(message, cause);
	}

}
