package io.kafkademo.app.startup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.apache.kafka.common.protocol.Errors;

/**
 * What a pod's first connection to the broker loads, done without a broker for the AOT cache's training run: a TLS 1.3
 * handshake between two in-memory engines, with hostname verification and a password-protected PKCS12 truststore,
 * one record each way, and Kafka's error table (a lambda per error code, built when the first response is read). The
 * cache holds only what the training run loaded; without this, each pod loaded these ~700 classes cold on its
 * readiness check's path (bench/BENCHMARK.md).
 */
final class BrokerConnectionRehearsal {

	private static final String HOST = "localhost";

	/**
	 * Kafka's clients create their engines with the broker's host and port, which is what keys the JDK's client
	 * session cache; MSK's SASL/SCRAM port, as in the default bootstrap address. No connection is made to it.
	 */
	private static final int PORT = 9096;

	private static final String ALIAS = "rehearsal";

	private static final String STORE_TYPE = "PKCS12";

	private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PONG = "pong".getBytes(StandardCharsets.US_ASCII);

	/** Far more wrap-and-unwrap rounds than a TLS 1.3 handshake and the two records need. */
	private static final int MAX_ROUNDS = 100;

	private static final int BUFFER_BYTES = 64 * 1024;

	private BrokerConnectionRehearsal() {
	}

	/**
	 * Generates a throwaway RSA key for {@code localhost} with the JDK's {@code keytool} (as the local broker's key is
	 * generated; its temporary file is deleted again) and returns the client's session as
	 * {@code "protocol cipher-suite"} once the pong has arrived.
	 */
	static String perform() throws IOException, GeneralSecurityException {
		char[] password = randomPassword();
		KeyStore keys = generateKey(password);
		KeyStore trust = KeyStore.getInstance(STORE_TYPE);
		trust.load(null, null);
		trust.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
		// Stored and read back: a truststore file's integrity check (PBKDF2 and an HMAC) is part of what is loaded.
		ByteArrayOutputStream stored = new ByteArrayOutputStream();
		trust.store(stored, password);
		trust = KeyStore.getInstance(STORE_TYPE);
		trust.load(new ByteArrayInputStream(stored.toByteArray()), password);

		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, password);
		SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
		serverContext.init(keyManagers.getKeyManagers(), null, null);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext clientContext = SSLContext.getInstance("TLSv1.3");
		clientContext.init(null, trustManagers.getTrustManagers(), null);

		SSLEngine client = clientContext.createSSLEngine(HOST, PORT);
		client.setUseClientMode(true);
		SSLParameters parameters = client.getSSLParameters();
		// As Kafka's default ssl.endpoint.identification.algorithm does.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		client.setSSLParameters(parameters);
		SSLEngine server = serverContext.createSSLEngine();
		server.setUseClientMode(false);
		exchange(client, server);
		Errors.forCode(Errors.NONE.code());
		return client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();
	}

	private static KeyStore generateKey(char[] password) throws IOException, GeneralSecurityException {
		Path dir = Files.createTempDirectory("kafka-demo-rehearsal");
		Path file = dir.resolve("rehearsal.p12");
		try {
			runKeytool(file, password);
			KeyStore keys = KeyStore.getInstance(STORE_TYPE);
			try (InputStream in = Files.newInputStream(file)) {
				keys.load(in, password);
			}
			return keys;
		}
		finally {
			Files.deleteIfExists(file);
			Files.delete(dir);
		}
	}

	private static void runKeytool(Path file, char[] password) throws IOException {
		String passwordVariable = "REHEARSAL_STOREPASS";
		ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "1", "-dname",
				"CN=" + HOST, "-ext", "SAN=DNS:" + HOST, "-storetype", STORE_TYPE, "-keystore", file.toString(),
				"-storepass:env", passwordVariable)
			.redirectErrorStream(true);
		keytool.environment().put(passwordVariable, new String(password));
		Process process = keytool.start();
		// Read to the end first: keytool has exited by the time its output closes.
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		try {
			if (process.waitFor() != 0) {
				throw new IOException("keytool -genkeypair failed: " + output.lines().toList());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while keytool generated the rehearsal's key", ex);
		}
	}

	/** Shuttles records between the engines until the client has the server's pong, or fails. */
	private static void exchange(SSLEngine client, SSLEngine server) throws SSLException {
		ByteBuffer toServer = ByteBuffer.allocate(BUFFER_BYTES);
		ByteBuffer toClient = ByteBuffer.allocate(BUFFER_BYTES);
		ByteBuffer serverReceived = ByteBuffer.allocate(BUFFER_BYTES);
		ByteBuffer clientReceived = ByteBuffer.allocate(BUFFER_BYTES);
		ByteBuffer ping = ByteBuffer.wrap(PING);
		ByteBuffer pong = ByteBuffer.wrap(PONG);
		ByteBuffer nothing = ByteBuffer.allocate(0);
		client.beginHandshake();
		server.beginHandshake();
		for (int round = 0; round < MAX_ROUNDS; round++) {
			client.wrap(handshaking(client) ? nothing : ping, toServer);
			server.wrap((handshaking(server) || serverReceived.position() < PING.length) ? nothing : pong, toClient);
			toServer.flip();
			server.unwrap(toServer, serverReceived);
			toServer.compact();
			toClient.flip();
			client.unwrap(toClient, clientReceived);
			toClient.compact();
			runDelegatedTasks(client);
			runDelegatedTasks(server);
			if (clientReceived.position() >= PONG.length) {
				return;
			}
		}
		throw new SSLException("no pong after " + MAX_ROUNDS + " rounds; client " + client.getHandshakeStatus()
				+ ", server " + server.getHandshakeStatus());
	}

	private static boolean handshaking(SSLEngine engine) {
		return engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
	}

	private static void runDelegatedTasks(SSLEngine engine) {
		for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
			task.run();
		}
	}

	private static char[] randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
	}

}
