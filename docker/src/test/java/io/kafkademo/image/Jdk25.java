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
 * up in {@code -Dkafkademo.java25-home}, then {@code $JAVA25_HOME}, then {@code /usr/lib/jvm/*25*}.
 */
final class Jdk25 {

	private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

	private Jdk25() {
	}

	static Optional<Path> find() {
		String configured = System.getProperty("kafkademo.java25-home", System.getenv("JAVA25_HOME"));
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Jdk25::hasJlink);
		}
		if (!Files.isDirectory(JVM_DIR)) {
			return Optional.empty();
		}
		try (Stream<Path> candidates = Files.list(JVM_DIR)) {
			return candidates.filter((dir) -> dir.getFileName().toString().contains("25"))
				.filter(Jdk25::hasJlink)
				.min(Comparator.naturalOrder());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean hasJlink(Path jdk) {
		return Files.isExecutable(jdk.resolve("bin/jlink"));
	}

}
