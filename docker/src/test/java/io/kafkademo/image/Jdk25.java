package io.kafkademo.image;

import java.nio.file.Path;
import java.util.Optional;

import io.kafkademo.localkafka.InstalledJdk;

/**
 * The JDK 25 the image's JRE base is linked from: the image ships a JEP 483 AOT cache, which needs Java 24+. Looked
 * up in {@code -Dkafkademo.java25-home}, then {@code $JAVA25_HOME}, then among the JDKs in {@code /usr/lib/jvm}.
 */
final class Jdk25 {

	private Jdk25() {
	}

	static Optional<Path> find() {
		String configured = System.getProperty("kafkademo.java25-home", System.getenv("JAVA25_HOME"));
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter((home) -> InstalledJdk.is(home, 25, "jlink"));
		}
		return InstalledJdk.find(25, "jlink");
	}

}
