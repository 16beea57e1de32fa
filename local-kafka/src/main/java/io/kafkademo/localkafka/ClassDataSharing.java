package io.kafkademo.localkafka;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A dynamic class data sharing (AppCDS) archive of the broker's classes, which roughly halves the broker JVM's start
 * time. The first broker JVM for a given JDK and classpath records the archive when it exits gracefully; later ones
 * map it. An archive that does not match is ignored by the JVM, so this can only make start-up faster.
 */
final class ClassDataSharing {

	private static final Duration STALE_ARCHIVE_AGE = Duration.ofDays(30);

	private final Path archive;

	private final Path pendingArchive;

	private ClassDataSharing(Path archive, Path pendingArchive) {
		this.archive = archive;
		this.pendingArchive = pendingArchive;
	}

	/** The archive in {@code cacheDir} for the current JDK and {@code classpath} (jars, whose size and time count). */
	static ClassDataSharing forClasspath(Path cacheDir, String classpath) {
		StringBuilder key = new StringBuilder(System.getProperty("java.home"))
			.append('|')
			.append(System.getProperty("java.vm.version"));
		for (String entry : classpath.split(File.pathSeparator)) {
			File file = new File(entry);
			key.append('|').append(entry).append(':').append(file.length()).append(':').append(file.lastModified());
		}
		String name = "broker-" + BrokerClasspath.sha256(key.toString().getBytes(StandardCharsets.UTF_8))
			.substring(0, 16);
		return new ClassDataSharing(cacheDir.resolve(name + ".jsa"),
				cacheDir.resolve(name + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsa.tmp"));
	}

	/** JVM options that use the archive, or record it at exit if there is none yet. */
	List<String> jvmOptions() {
		String archiveOption = Files.isRegularFile(this.archive) ? "-XX:SharedArchiveFile=" + this.archive
				: "-XX:ArchiveClassesAtExit=" + this.pendingArchive;
		// CDS reports mismatches and its own limitations as warnings: not worth lines in the broker log.
		return List.of(archiveOption, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
	}

	/** After a graceful exit of a JVM started with {@link #jvmOptions()}: publishes the archive it recorded. */
	void publishRecordedArchive() {
		if (!Files.isRegularFile(this.pendingArchive)) {
			return;
		}
		pruneStaleFiles();
		try {
			try {
				Files.move(this.pendingArchive, this.archive, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(this.pendingArchive, this.archive);
			}
		}
		catch (IOException ex) {
			// another broker published one first, or the cache is read-only: start-up just stays slower
			try {
				Files.deleteIfExists(this.pendingArchive);
			}
			catch (IOException ignored) {
				// left for the next run
			}
		}
	}

	/**
	 * Archives are ~55 MB and a new one is recorded whenever the JDK or a jar changes: delete those unused for a
	 * while, and archives left half-recorded by a killed JVM.
	 */
	private void pruneStaleFiles() {
		Instant now = Instant.now();
		try (Stream<Path> files = Files.list(this.archive.getParent())) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				Instant modified = Files.getLastModifiedTime(file).toInstant();
				if ((name.endsWith(".jsa") && modified.isBefore(now.minus(STALE_ARCHIVE_AGE)))
						|| (name.endsWith(".jsa.tmp") && modified.isBefore(now.minus(Duration.ofDays(1))))) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			// only housekeeping
		}
	}

	/** Deletes a partly recorded archive after the JVM was killed. */
	void discardRecordedArchive() {
		try {
			Files.deleteIfExists(this.pendingArchive);
		}
		catch (IOException ex) {
			// harmless: a stray temporary file
		}
	}

}
