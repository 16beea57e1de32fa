package io.kafkademo.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The command itself: the script's help, its lint, and how the launcher refuses a bad option. */
class RunLocalCommandTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path workDir;

	@Test
	void helpPrintsTheUsageAndExitsZeroWithoutBuildingAnything() {
		CommandLine help = CommandLine.run(this.workDir, TIMEOUT, List.of("./run-local", "--help"));

		assertThat(help.exitCode()).isZero();
		assertThat(help.stderr()).isEmpty();
		assertThat(help.stdout()).startsWith("Usage: ./run-local [options]\n")
			.contains("SCRAM-SHA-512", "Ctrl-C", ".run-local/<timestamp>/", "Exit status: 0 if every replica")
			.doesNotContain("[run-local] building");
		assertThat(CommandLine.run(this.workDir, TIMEOUT, List.of("./run-local", "-h")).stdout())
			.isEqualTo(help.stdout());
	}

	@Test
	void helpDocumentsExactlyTheOptionsTheLauncherAccepts() {
		String usage = CommandLine.run(this.workDir, TIMEOUT, List.of("./run-local", "--help")).stdout();

		Set<String> documented = new LinkedHashSet<>();
		Matcher option = Pattern.compile("(?m)^  (--[a-z-]+)").matcher(usage);
		while (option.find()) {
			documented.add(option.group(1));
		}
		assertThat(documented).containsExactlyInAnyOrderElementsOf(RunLocalOptions.NAMES);
	}

	@Test
	void scriptPassesShellcheck() {
		Optional<Path> shellcheck = CommandLine.onPath("shellcheck");
		assumeTrue(shellcheck.isPresent(), "shellcheck is not on the PATH (apt-get install shellcheck): not linted");

		CommandLine lint = CommandLine.run(this.workDir, TIMEOUT,
				List.of(shellcheck.get().toString(), "run-local"));

		assertThat(lint.stdout() + lint.stderr()).isEmpty();
		assertThat(lint.exitCode()).isZero();
	}

	@Test
	void aBadOptionStopsTheLauncherWithOneLineAndExitStatus2() {
		CommandLine bad = CommandLine.run(this.workDir, TIMEOUT,
				CommandLine.java(RunLocal.class.getName(), "--replicas", "many"));

		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.stdout()).isEmpty();
		assertThat(bad.stderr()).isEqualTo("run-local: --replicas: 'many' is not a number (see ./run-local --help)\n");
	}

}
