package io.laas.command.relay;

/** The relay will not stream: doing so could skip events. The message says why and what the operator does. */
final class RelayRefusedException extends RuntimeException {

	RelayRefusedException(String message) {
		super(message);
	}

}
