package io.kafkademo.prometheus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A command-line tool from the Debian package {@code prometheus} ({@code promtool}, {@code prometheus}). Tests that need
 * one are skipped, not failed, where it is not installed; CI installs it (.ci/run).
 */
record ExternalTool(Path path) {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	/** The tool on the PATH; aborts the calling test with the reason when it is not there. */
	static ExternalTool require(String name) {
		Optional<Path> found = find(name);
		assumeTrue(found.isPresent(),
				name + " is not on the PATH: install the Debian package prometheus (CI does) to run this test");
		return new ExternalTool(found.get());
	}

	private static Optional<Path> find(String name) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** Runs the tool in {@code workDir} to completion; output is stdout and stderr interleaved. */
	Result run(Path workDir, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.path.toString());
		command.addAll(List.of(arguments));
		try {
			Path output = Files.createTempFile("external-tool", ".log");
			try {
				Process process = new ProcessBuilder(command).directory(workDir.toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not finish within " + TIMEOUT);
				}
				return new Result(process.exitValue(), Files.readString(output));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Exit code and output of one run. */
	record Result(int exitCode, String output) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + ":\n" + this.output;
		}

	}

}
