package io.kafkademo.localkafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the broker JVM: locks the work directory for as long as this JVM lives, formats the storage when
 * asked to (in this JVM, saving a second JVM start), stops the broker when the JVM that launched it disappears, even
 * when that one was SIGKILLed and ran no shutdown hook, then hands over to {@code kafka.Kafka}.
 * <p>
 * This class is copied alone into a launcher jar: it may use the JDK and the broker's jars only.
 */
final class BrokerMain {

	/** System property with the lock file of the work directory. */
	static final String LOCK_FILE_PROPERTY = "localkafka.lock.file";

	/** System property with the PID of the launching JVM. */
	static final String PARENT_PID_PROPERTY = "localkafka.parent.pid";

	/** Environment variable with the cluster id to format the storage with; absent when already formatted. */
	static final String FORMAT_CLUSTER_ID_ENV = "LOCAL_KAFKA_FORMAT_CLUSTER_ID";

	/** Environment variable with the {@code --add-scram} argument of the format step (not on the command line). */
	static final String FORMAT_ADD_SCRAM_ENV = "LOCAL_KAFKA_FORMAT_ADD_SCRAM";

	private static final Duration PARENT_POLL_INTERVAL = Duration.ofMillis(500);

	private static final Duration GRACEFUL_EXIT_LIMIT = Duration.ofSeconds(10);

	/** Held until the JVM exits, even by SIGKILL, when the OS releases the lock: never closed, never collected. */
	private static FileChannel lockChannel;

	private BrokerMain() {
	}

	public static void main(String[] args) throws Exception {
		String lockFile = System.getProperty(LOCK_FILE_PROPERTY);
		if (lockFile != null) {
			lockWorkDir(Path.of(lockFile));
		}
		String parentPid = System.getProperty(PARENT_PID_PROPERTY);
		if (parentPid != null) {
			watchParent(Long.parseLong(parentPid));
		}
		String clusterId = System.getenv(FORMAT_CLUSTER_ID_ENV);
		if (clusterId != null) {
			formatStorage(args[0], clusterId, System.getenv(FORMAT_ADD_SCRAM_ENV));
		}
		Kafka.main(args);
	}

	/**
	 * Two brokers on one data directory damage each other before Kafka notices (it locks its log directories only
	 * after it has opened the metadata log), so the whole work directory is locked first.
	 */
	private static void lockWorkDir(Path lockFile) {
		try {
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				System.err.println("Error: " + lockFile.getParent() + " is in use by another Kafka broker");
				System.exit(2);
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(
					String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
			lockChannel = channel;
		}
		catch (IOException ex) {
			System.err.println("Error: cannot lock " + lockFile + ": " + ex);
			System.exit(2);
		}
	}

	private static void formatStorage(String serverProperties, String clusterId, String addScram) {
		int exitCode;
		try {
			exitCode = StorageTool.execute(new String[] { "format", "--cluster-id", clusterId, "--config",
					serverProperties, "--add-scram", addScram, "--ignore-formatted" }, System.out);
		}
		catch (Exception ex) {
			System.err.println("Kafka storage format failed: " + ex);
			exitCode = 1;
		}
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	private static void watchParent(long pid) {
		ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
		if (parent == null) {
			System.err.println("Parent process " + pid + " is gone: not starting the Kafka broker");
			System.exit(1);
		}
		// ProcessHandle.onExit() polls non-child processes with a back-off of up to 5 s: poll faster ourselves.
		Thread watchdog = new Thread(() -> {
			try {
				while (parent.isAlive()) {
					Thread.sleep(PARENT_POLL_INTERVAL.toMillis());
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			System.err.println("Parent process " + pid + " exited: stopping the Kafka broker");
			haltAfter(GRACEFUL_EXIT_LIMIT);
			System.exit(1);
		}, "local-kafka-parent-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

	private static void haltAfter(Duration limit) {
		Thread halter = new Thread(() -> {
			try {
				Thread.sleep(limit.toMillis());
			}
			catch (InterruptedException ex) {
				// halt anyway
			}
			Runtime.getRuntime().halt(1);
		}, "local-kafka-halt");
		halter.setDaemon(true);
		halter.start();
	}

}
