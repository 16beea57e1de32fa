package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's three listener ports.
 */
record BrokerPorts(int saslSsl, int internal, int controller) {

	/** These ports with every 0 replaced by a port that is free now (all distinct). */
	BrokerPorts resolveFree() {
		List<ServerSocket> held = new ArrayList<>();
		try {
			// Hold all sockets open until every port is chosen, so the three free ports differ.
			return new BrokerPorts(orFree(this.saslSsl, held), orFree(this.internal, held),
					orFree(this.controller, held));
		}
		finally {
			for (ServerSocket socket : held) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// nothing to do
				}
			}
		}
	}

	private static int orFree(int port, List<ServerSocket> held) {
		if (port != 0) {
			return port;
		}
		try {
			ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			held.add(socket);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port", ex);
		}
	}

}
