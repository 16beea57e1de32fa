package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JDKs installed beside the running one (the benchmark's Java 17 and 25, the image test's Java 25), recognised by
 * the feature version in their {@code release} file, not by their directory name: {@code jdk-17.0.25} is a Java 17.
 */
public final class InstalledJdk {

	private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

	private InstalledJdk() {
	}

	/** The first JDK in {@code /usr/lib/jvm} (by name) of Java {@code feature} that has {@code bin/<tool>}. */
	public static Optional<Path> find(int feature, String tool) {
		if (!Files.isDirectory(JVM_DIR)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(JVM_DIR)) {
			return homes.filter((home) -> is(home, feature, tool)).min(Comparator.naturalOrder());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether {@code home} is a Java {@code feature} installation with {@code bin/<tool>}. */
	public static boolean is(Path home, int feature, String tool) {
		Path release = home.resolve("release");
		if (!Files.isExecutable(home.resolve("bin").resolve(tool)) || !Files.isRegularFile(release)) {
			return false;
		}
		String version = "JAVA_VERSION=\"" + feature;
		try {
			List<String> lines = Files.readAllLines(release);
			return lines.stream().anyMatch((line) -> line.equals(version + "\"") || line.startsWith(version + "."));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
