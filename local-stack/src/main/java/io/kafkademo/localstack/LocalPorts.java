package io.kafkademo.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Port checks before anything is launched, so that a second {@code ./run-local} fails at once with a clear message
 * instead of six replicas failing one by one.
 */
final class LocalPorts {

	private LocalPorts() {
	}

	/** A port that is free now. */
	static int pickFree() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port", ex);
		}
	}

	/**
	 * Fails if {@code port} cannot be bound on all interfaces, as Tomcat and the broker will.
	 * @throws IllegalStateException naming {@code user} and {@code option}
	 */
	static void requireFree(int port, String user, String option) {
		// The JDK sets SO_REUSEADDR on server sockets (not on Windows), so a port in TIME_WAIT counts as free.
		try (ServerSocket socket = new ServerSocket(port)) {
			socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " for " + user + " is in use (another ./run-local still "
					+ "running?); choose other ports with " + option, ex);
		}
	}

}
