package io.kafkademo.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JDK 25 the image's JRE base is linked from: the image ships a JEP 483 AOT cache, which needs Java 24+. Looked
 * up in {@code -Dkafkademo.java25-home}, then {@code $JAVA25_HOME}, then among the JDKs in {@code /usr/lib/jvm}.
 */
final class Jdk25 {

	private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

	private Jdk25() {
	}

	static Optional<Path> find() {
		String configured = System.getProperty("kafkademo.java25-home", System.getenv("JAVA25_HOME"));
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Jdk25::isJdk25);
		}
		if (!Files.isDirectory(JVM_DIR)) {
			return Optional.empty();
		}
		try (Stream<Path> candidates = Files.list(JVM_DIR)) {
			return candidates.filter(Jdk25::isJdk25).min(Comparator.naturalOrder());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// The release file, not the directory name: "jdk-17.0.25" is a Java 17.
	private static boolean isJdk25(Path jdk) {
		Path release = jdk.resolve("release");
		try {
			return Files.isExecutable(jdk.resolve("bin/jlink")) && Files.isRegularFile(release)
					&& Files.readAllLines(release).stream().anyMatch((line) -> line.startsWith("JAVA_VERSION=\"25"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
