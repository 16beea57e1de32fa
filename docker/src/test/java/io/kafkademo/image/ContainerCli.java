package io.kafkademo.image;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * buildah and podman on throw-away storage, with the options they need without a Docker engine or systemd: the vfs
 * storage driver, the runc runtime, cgroupfs and file-based events.
 */
final class ContainerCli {

	private static final List<String> TOOLS = List.of("buildah", "podman", "runc");

	private final Path root;

	private final Path runRoot;

	private final Path tmpDir;

	private final Path outputDir;

	private final AtomicInteger commands = new AtomicInteger();

	ContainerCli(Path storage) {
		this.root = storage.resolve("root");
		this.runRoot = storage.resolve("runroot");
		this.tmpDir = storage.resolve("libpod-tmp");
		this.outputDir = storage.resolve("output");
		try {
			for (Path dir : List.of(this.root, this.runRoot, this.tmpDir, this.outputDir)) {
				Files.createDirectories(dir);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The first of buildah, podman and runc that is not on the PATH, if any. */
	static Optional<String> missingTool() {
		String path = System.getenv().getOrDefault("PATH", "");
		return TOOLS.stream()
			.filter((tool) -> Stream.of(path.split(File.pathSeparator))
				.filter((dir) -> !dir.isEmpty())
				.map((dir) -> Path.of(dir, tool))
				.noneMatch(Files::isExecutable))
			.findFirst();
	}

	/** The environment that points docker/build-jre-base.sh at this storage. */
	Map<String, String> scriptEnvironment() {
		return Map.of("BUILDAH_ROOT", this.root.toString(), "BUILDAH_RUNROOT", this.runRoot.toString(),
				"BUILDAH_STORAGE_DRIVER", "vfs");
	}

	/** Runs buildah on this storage. */
	Output buildah(Duration timeout, Path workDir, String... args) {
		List<String> command = new ArrayList<>(List.of("buildah"));
		command.addAll(storageOptions());
		command.addAll(List.of(args));
		return run(command, workDir, Map.of(), timeout);
	}

	/** Runs podman on this storage. */
	Output podman(Duration timeout, String... args) {
		List<String> command = new ArrayList<>(List.of("podman"));
		command.addAll(storageOptions());
		command.addAll(List.of("--tmpdir", this.tmpDir.toString(), "--runtime", "runc", "--cgroup-manager", "cgroupfs",
				"--events-backend", "file"));
		command.addAll(List.of(args));
		return run(command, null, Map.of(), timeout);
	}

	/**
	 * Runs a command to completion within {@code timeout}; fails with its output when it exits non-zero or runs too
	 * long.
	 */
	Output run(List<String> command, Path workDir, Map<String, String> environment, Duration timeout) {
		int number = this.commands.incrementAndGet();
		Path stdout = this.outputDir.resolve(number + ".out");
		Path stderr = this.outputDir.resolve(number + ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		if (workDir != null) {
			builder.directory(workDir.toFile());
		}
		builder.environment().putAll(environment);
		try {
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
				throw new IllegalStateException("Still running after " + timeout + ": " + String.join(" ", command)
						+ "\n" + read(stdout, stderr).combined());
			}
			Output output = read(stdout, stderr);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Exit code " + process.exitValue() + ": " + String.join(" ", command)
						+ "\n" + output.combined());
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", command), ex);
		}
	}

	private static Output read(Path stdout, Path stderr) throws IOException {
		return new Output(Files.readString(stdout, StandardCharsets.UTF_8),
				Files.readString(stderr, StandardCharsets.UTF_8));
	}

	private List<String> storageOptions() {
		return List.of("--root", this.root.toString(), "--runroot", this.runRoot.toString(), "--storage-driver", "vfs");
	}

	/** What a command wrote to stdout and to stderr. */
	record Output(String stdout, String stderr) {

		/** Both streams, stdout first: a container's log as {@code podman logs} splits it. */
		String combined() {
			return this.stdout + this.stderr;
		}

	}

}
