package io.kafkademo.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the jar of {@link ParentWatchdogAgent}: the class alone, so the agent works wherever this library was loaded
 * from (a directory, a jar, a nested jar) and adds nothing else to the replica's classpath.
 */
final class WatchdogJar {

	private static final String CLASS_FILE = ParentWatchdogAgent.class.getName().replace('.', '/') + ".class";

	private WatchdogJar() {
	}

	/** Writes {@code replica-watchdog.jar} into {@code dir} and returns it. */
	static Path write(Path dir) {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdogAgent.class.getName());
		Path jar = dir.resolve("replica-watchdog.jar");
		try (InputStream in = ParentWatchdogAgent.class.getResourceAsStream("/" + CLASS_FILE)) {
			if (in == null) {
				throw new IllegalStateException("Cannot read " + CLASS_FILE + " from the classpath");
			}
			byte[] bytes = in.readAllBytes();
			Files.createDirectories(dir);
			Path temp = Files.createTempFile(dir, "replica-watchdog", ".tmp");
			try (OutputStream out = Files.newOutputStream(temp);
					JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
				jarOut.putNextEntry(new JarEntry(CLASS_FILE));
				jarOut.write(bytes);
				jarOut.closeEntry();
			}
			Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + jar, ex);
		}
	}

}
