package io.kafkademo.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a command of the checkout to completion, for the tests of {@code ./run-local} and the launcher's main. */
record CommandLine(int exitCode, String stdout, String stderr) {

	/** The checkout: surefire passes it, as {@code ./run-local} does. */
	static Path projectDir() {
		return Path.of(System.getProperty(RunLocal.PROJECT_DIR_PROPERTY, "..")).toAbsolutePath().normalize();
	}

	/** {@code java} of this JVM with the test classpath, then {@code arguments}. */
	static List<String> java(String... arguments) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path")));
		command.addAll(List.of(arguments));
		return command;
	}

	/** The executable named {@code name} on the PATH, if any. */
	static Optional<Path> onPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/** Runs {@code command} in the checkout and waits for it, at most {@code timeout}. */
	static CommandLine run(Path workDir, Duration timeout, List<String> command) {
		try {
			Path out = Files.createTempFile(workDir, "stdout", ".txt");
			Path err = Files.createTempFile(workDir, "stderr", ".txt");
			Process process = new ProcessBuilder(command).directory(projectDir().toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + timeout);
			}
			return new CommandLine(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
