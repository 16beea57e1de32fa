package io.kafkademo.localkafka;

import java.nio.file.Path;

/**
 * A JVM that starts a broker and then waits forever, for tests that kill a broker's parent.
 */
final class BrokerParentProcess {

	static final String PID_PREFIX = "broker-pid=";

	private BrokerParentProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		ScramKafkaBroker broker = ScramKafkaBroker.builder().workDir(Path.of(args[0])).build().start();
		System.out.println(PID_PREFIX + broker.pid());
		System.out.flush();
		Thread.currentThread().join();
	}

}
