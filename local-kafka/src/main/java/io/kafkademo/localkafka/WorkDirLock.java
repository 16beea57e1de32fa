package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that a broker JVM holds on its work directory for its whole life (taken by {@link BrokerMain}).
 */
final class WorkDirLock {

	static final String FILE_NAME = "broker.lock";

	private WorkDirLock() {
	}

	/** The lock file of {@code workDir}. */
	static Path file(Path workDir) {
		return workDir.resolve(FILE_NAME);
	}

	/**
	 * Fails fast, before any file of the work directory is rewritten, if a broker JVM holds the lock.
	 * @throws IllegalStateException naming the process that holds it
	 */
	static void ensureFree(Path workDir) {
		Path lockFile = file(workDir);
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				lock.release();
				return;
			}
		}
		catch (OverlappingFileLockException ex) {
			// held within this JVM: in use as well
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot check the lock " + lockFile, ex);
		}
		throw new IllegalStateException("Kafka broker work directory " + workDir
				+ " is in use by another Kafka broker (pid " + holder(lockFile) + ")");
	}

	private static String holder(Path lockFile) {
		try {
			String pid = Files.readString(lockFile).strip();
			return pid.isEmpty() ? "unknown" : pid;
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
