package io.kafkademo.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One replica's run in numbers, from its log: messages produced (acknowledged) and consumed, the partitions it owned,
 * ERROR and WARN lines, its start-to-ready time ({@code null} if it never became ready) and the exit code of a process
 * that exited without being asked to ({@code null} if none did).
 */
public record ReplicaSummary(String name, DemoService service, int port, long produced, long consumed,
		Set<String> partitions, long errors, long warnings, Duration startToReady, boolean running,
		Integer unexpectedExitCode, List<String> errorLines) {

	public ReplicaSummary {
		partitions = Set.copyOf(partitions);
		errorLines = List.copyOf(errorLines);
	}

	/** What is wrong with this run of the replica, such as "received nothing"; empty when all is well. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (this.startToReady == null) {
			problems.add("never became ready");
		}
		if (this.unexpectedExitCode != null) {
			problems.add("exited unexpectedly with code " + this.unexpectedExitCode);
		}
		if (this.consumed == 0) {
			problems.add("received nothing");
		}
		if (this.errors > 0) {
			problems.add("logged " + this.errors + " ERROR line" + ((this.errors == 1) ? "" : "s"));
		}
		return problems;
	}

}
