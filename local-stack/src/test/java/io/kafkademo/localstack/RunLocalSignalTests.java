package io.kafkademo.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher's main as {@code ./run-local} starts it, stopped by SIGTERM (what the script sends on Ctrl-C) while
 * its replicas are still starting: the hardest moment to stop cleanly.
 */
class RunLocalSignalTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private Process launcher;

	@AfterEach
	void killLeftovers() {
		if (this.launcher != null) {
			this.launcher.descendants().forEach(ProcessHandle::destroyForcibly);
			this.launcher.destroyForcibly();
		}
	}

	@Test
	void sigtermWhileTheReplicasStartStopsServicesThenBrokerAndLeavesNoProcess() throws Exception {
		Path runsDir = Files.createDirectories(Path.of("target", "run-local-signal-tests").toAbsolutePath());
		// A file, not a pipe: the JDK may close a child's pipe under a reader when the child exits.
		Path output = Files.createTempFile(runsDir, "output", ".txt");
		this.launcher = new ProcessBuilder(CommandLine.java("-D" + RunLocal.PROJECT_DIR_PROPERTY + "="
				+ CommandLine.projectDir(), "-D" + RunLocal.RUNS_DIR_PROPERTY + "=" + runsDir,
				RunLocal.class.getName(), "--replicas", "1", "--broker-port", "0", "--base-port-a", "0",
				"--base-port-b", "0", "--no-prometheus"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();

		// The line is printed just before the replicas are spawned: wait for their processes too (broker + A + B).
		await().atMost(TIMEOUT)
			.until(() -> (Files.readString(output).contains("\n[run-local] starting 1 replica each")
					&& this.launcher.descendants().count() >= 3) || !this.launcher.isAlive());
		List<ProcessHandle> started = this.launcher.descendants().toList();
		this.launcher.destroy(); // SIGTERM

		assertThat(this.launcher.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("launcher exited").isTrue();
		List<String> lines = Files.readAllLines(output);
		assertThat(started).as("broker and replicas started").hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((process) -> assertThat(process.isAlive()).as("pid %d alive", process.pid()).isFalse());
		assertThat(lines.stream().map((line) -> line.replaceFirst(", in [0-9.]+ s$", "")))
			.containsSubsequence("[run-local] SIGTERM: stopping", "[run-local] stopping: services first, then the broker",
					"[run-local] stopped the services, then the broker");
		assertThat(String.join("\n", lines)).contains("- kafka-demo-service-a-1 never became ready",
				"- kafka-demo-service-b-1 never became ready");
		assertThat(this.launcher.exitValue()).as("exit status of a run stopped before it was ready").isEqualTo(1);
	}

}
