package io.kafkademo.localstack;

/**
 * A Java agent that the launcher adds to every replica JVM ({@code -javaagent:...=<launcher pid>}): when the launcher
 * disappears, even SIGKILLed without running its shutdown hook, the replica exits through its normal, graceful
 * shutdown (forcibly after 15 s), so no service JVM outlives {@code ./run-local}. The broker has the same watchdog.
 * <p>
 * This class is copied alone into the agent jar: it may use the JDK only, and no nested or anonymous classes.
 */
public final class ParentWatchdogAgent {

	private static final long POLL_MILLIS = 500;

	private static final long GRACEFUL_EXIT_MILLIS = 15_000;

	private ParentWatchdogAgent() {
	}

	/** Agent entry point; {@code arguments} is the launcher's process id. */
	public static void premain(String arguments) {
		long pid = Long.parseLong(arguments.strip());
		ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
		if (parent == null) {
			System.err.println("Launcher process " + pid + " is gone: not starting");
			System.exit(1);
		}
		// ProcessHandle.onExit() polls non-child processes with a back-off of up to 5 s: poll faster ourselves.
		Thread watchdog = new Thread(() -> watch(parent), "local-stack-parent-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

	private static void watch(ProcessHandle parent) {
		try {
			while (parent.isAlive()) {
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			return;
		}
		System.err.println("Launcher process " + parent.pid() + " exited: shutting down");
		Thread halter = new Thread(ParentWatchdogAgent::haltLater, "local-stack-halt");
		halter.setDaemon(true);
		halter.start();
		System.exit(143);
	}

	private static void haltLater() {
		try {
			Thread.sleep(GRACEFUL_EXIT_MILLIS);
		}
		catch (InterruptedException ex) {
			// halt anyway
		}
		Runtime.getRuntime().halt(137);
	}

}
