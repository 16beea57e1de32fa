package io.kafkademo.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The classpath of the broker JVM: a small launcher jar holding {@link BrokerMain} plus the jars that Maven resolved
 * when this module was built (listed in resources written by maven-dependency-plugin).
 */
final class BrokerClasspath {

	private static final List<String> RESOURCES = List.of("kafka-broker.classpath", "kafka-broker-runtime.classpath");

	private static final String LAUNCHER_CLASS = "io/kafkademo/localkafka/BrokerMain.class";

	private BrokerClasspath() {
	}

	/**
	 * The joined classpath, with the launcher jar written to {@code launcherDir} if not there yet. BrokerMain is
	 * copied into a jar of its own, rather than pointing at wherever this library was loaded from, so that it works
	 * from a directory, a jar or a nested jar alike, and so that every entry is a jar that never changes, which
	 * class data sharing requires.
	 * @throws IllegalStateException if a listed jar is no longer in the local Maven repository
	 */
	static String resolve(Path launcherDir) {
		Set<String> entries = new LinkedHashSet<>();
		entries.add(launcherJar(launcherDir).toString());
		for (String resource : RESOURCES) {
			for (String entry : new String(readResource(resource), StandardCharsets.UTF_8).split(File.pathSeparator)) {
				if (!entry.isBlank()) {
					entries.add(entry.strip());
				}
			}
		}
		for (String entry : entries) {
			if (!Files.isRegularFile(Path.of(entry))) {
				throw new IllegalStateException("Kafka broker classpath entry is missing: " + entry
						+ " (rebuild the local-kafka module: ./mvnw -pl local-kafka install)");
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	private static Path launcherJar(Path dir) {
		byte[] launcher = readResource("BrokerMain.class");
		Path jar = dir.resolve("local-kafka-launcher-" + sha256(launcher).substring(0, 16) + ".jar");
		if (Files.isRegularFile(jar)) {
			return jar;
		}
		try {
			Files.createDirectories(dir);
			Path temp = Files.createTempFile(dir, "launcher", ".tmp");
			try (OutputStream out = Files.newOutputStream(temp); JarOutputStream jarOut = new JarOutputStream(out)) {
				jarOut.putNextEntry(new JarEntry(LAUNCHER_CLASS));
				jarOut.write(launcher);
				jarOut.closeEntry();
			}
			try {
				Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException ex) {
				// Another JVM wrote it meanwhile; keep theirs, whose timestamp a class data archive may record.
				Files.deleteIfExists(temp);
			}
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the broker launcher jar in " + dir, ex);
		}
	}

	private static byte[] readResource(String resource) {
		try (InputStream in = BrokerClasspath.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Resource " + resource + " is missing next to "
						+ BrokerClasspath.class.getName() + ": build the local-kafka module with Maven");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
