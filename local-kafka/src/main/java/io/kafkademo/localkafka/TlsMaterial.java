package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS key pair (self-signed, SAN {@code DNS:localhost} and {@code IP:127.0.0.1} so that clients keep
 * hostname verification on) and a truststore holding its certificate, generated once per directory.
 */
record TlsMaterial(Path keystore, String keystorePassword, Path truststore, String truststorePassword, Path caPem) {

	static final String STORE_TYPE = "PKCS12";

	private static final String ALIAS = "broker";

	private static final int VALIDITY_DAYS = 30;

	/** A certificate this close to expiry is replaced, so a long-lived work directory keeps working. */
	private static final Duration RENEW_BEFORE = Duration.ofDays(1);

	private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

	/** Loads the material from {@code dir}, generating it first if it is missing or about to expire. */
	static TlsMaterial loadOrGenerate(Path dir) {
		try {
			Files.createDirectories(dir);
			Path passwordsFile = dir.resolve("tls.properties");
			TlsMaterial material = new TlsMaterial(dir.resolve("broker.keystore.p12"), null,
					dir.resolve("truststore.p12"), null, dir.resolve("ca.pem"));
			if (Files.exists(passwordsFile) && Files.exists(material.keystore) && Files.exists(material.truststore)) {
				Properties passwords = new Properties();
				try (InputStream in = Files.newInputStream(passwordsFile)) {
					passwords.load(in);
				}
				TlsMaterial existing = new TlsMaterial(material.keystore, passwords.getProperty("keystore.password"),
						material.truststore, passwords.getProperty("truststore.password"), material.caPem);
				if (existing.certificateValidFor(RENEW_BEFORE)) {
					return existing;
				}
			}
			TlsMaterial generated = new TlsMaterial(material.keystore, Secrets.random(24), material.truststore,
					Secrets.random(24), material.caPem);
			generated.generate();
			Properties passwords = new Properties();
			passwords.setProperty("keystore.password", generated.keystorePassword);
			passwords.setProperty("truststore.password", generated.truststorePassword);
			try (OutputStream out = Files.newOutputStream(passwordsFile)) {
				passwords.store(out, "Passwords of the generated keystore and truststore");
			}
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void generate() throws IOException {
		Files.deleteIfExists(this.keystore);
		Files.deleteIfExists(this.truststore);
		keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity",
				String.valueOf(VALIDITY_DAYS), "-dname", "CN=localhost, O=kafka-demo-local-kafka", "-ext",
				"SAN=DNS:localhost,IP:127.0.0.1", "-storetype", STORE_TYPE, "-keystore", this.keystore.toString(),
				"-storepass:env", "LOCAL_KAFKA_STOREPASS");
		// Export + import need no second and third keytool JVM: the KeyStore API does it in-process.
		try {
			X509Certificate certificate = (X509Certificate) load(this.keystore, this.keystorePassword)
				.getCertificate(ALIAS);
			KeyStore trust = KeyStore.getInstance(STORE_TYPE);
			trust.load(null, null);
			trust.setCertificateEntry(ALIAS, certificate);
			try (OutputStream out = Files.newOutputStream(this.truststore)) {
				trust.store(out, this.truststorePassword.toCharArray());
			}
			String pem = "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
			Files.writeString(this.caPem, pem, StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot build the truststore from " + this.keystore, ex);
		}
	}

	private boolean certificateValidFor(Duration margin) {
		try {
			X509Certificate certificate = (X509Certificate) load(this.truststore, this.truststorePassword)
				.getCertificate(ALIAS);
			return certificate != null && load(this.keystore, this.keystorePassword).isKeyEntry(ALIAS)
					&& certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(margin));
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance(STORE_TYPE);
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

	private void keytool(String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("LOCAL_KAFKA_STOREPASS", this.keystorePassword);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while running keytool", ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
					+ output.strip());
		}
	}

}
