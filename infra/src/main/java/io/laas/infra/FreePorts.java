package io.laas.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP ports on the loopback interface, where every server of this module listens.
 */
final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Ports that were free a moment ago, all different: each socket stays open until the last one is picked, so the
	 * kernel cannot hand out the same port twice.
	 */
	static int[] pick(int count) {
		List<ServerSocket> held = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				held.add(socket);
			}
			return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not find a free port", ex);
		}
		finally {
			held.forEach(FreePorts::closeQuietly);
		}
	}

	static int pick() {
		return pick(1)[0];
	}

	/**
	 * Whether a server could listen on the port now. SO_REUSEADDR as the servers set it, so that connections of a
	 * previous run lingering in TIME_WAIT do not make a restarted dev stack move to another port.
	 */
	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Nothing listens on it; the port is released either way.
		}
	}

}
