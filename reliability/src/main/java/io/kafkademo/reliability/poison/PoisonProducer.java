package io.kafkademo.reliability.poison;

import java.io.IOException;
import java.io.InputStream;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poison input from a non-Java client: runs {@code poison-producer.js} with node and npm's {@code kafkajs}, which
 * speaks SASL_SSL with SCRAM-SHA-512 to Kafka 4 (Debian's kcat cannot, see the shared notes). kafkajs is installed
 * with {@code npm install --prefix <workDir>} on first use.
 */
public final class PoisonProducer {

	private static final String SCRIPT = "poison-producer.js";

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path workDir;

	private final String kafkajsVersion;

	private final String node;

	private final String npm;

	private String unavailable;

	private boolean checked;

	/** kafkajs goes to {@code workDir/node_modules}; runs' logs and summaries to {@code workDir/poison}. */
	public PoisonProducer(Path workDir, String kafkajsVersion) {
		this(workDir, kafkajsVersion, "node", "npm");
	}

	PoisonProducer(Path workDir, String kafkajsVersion, String node, String npm) {
		this.workDir = workDir.toAbsolutePath().normalize();
		this.kafkajsVersion = kafkajsVersion;
		this.node = node;
		this.npm = npm;
	}

	/**
	 * Why poison cannot be sent here (no node, no npm, kafkajs not installable), or empty if it can. Installs kafkajs
	 * the first time.
	 */
	public synchronized Optional<String> unavailable() {
		if (!this.checked) {
			this.checked = true;
			this.unavailable = check();
		}
		return Optional.ofNullable(this.unavailable);
	}

	private String check() {
		if (!succeeds(List.of(this.node, "--version"), Duration.ofSeconds(30))) {
			return "node is not installed (needed to send poison input with kafkajs)";
		}
		Path installed = this.workDir.resolve("node_modules/kafkajs/package.json");
		if (Files.isRegularFile(installed) && read(installed).contains("\"version\": \"" + this.kafkajsVersion + "\"")) {
			return null;
		}
		if (!succeeds(List.of(this.npm, "--version"), Duration.ofSeconds(30))) {
			return "npm is not installed (needed to install kafkajs)";
		}
		if (!succeeds(List.of(this.npm, "install", "--prefix", this.workDir.toString(), "--no-save", "--no-audit",
				"--no-fund", "--no-package-lock", "--loglevel=error", "kafkajs@" + this.kafkajsVersion),
				INSTALL_TIMEOUT) || !Files.isRegularFile(installed)) {
			return "npm could not install kafkajs@" + this.kafkajsVersion + " (see " + installLog() + ")";
		}
		return null;
	}

	/**
	 * Sends {@code count} records (good ones interleaved with poison) to {@code topic}'s {@code partitions} partitions
	 * as {@code user}, who needs Write on the topic; waits until all are acknowledged or failed.
	 * @param host the host name in the good records and the name of this run
	 */
	public PoisonRun send(String bootstrapServers, String user, String password, Path caPem, String topic,
			int partitions, int count, String host) {
		unavailable().ifPresent((reason) -> {
			throw new IllegalStateException(reason);
		});
		Path runDir = this.workDir.resolve("poison");
		Path script = runDir.resolve(SCRIPT);
		Path summary = runDir.resolve(host + "-summary.json");
		Path log = runDir.resolve(host + ".log");
		try {
			Files.createDirectories(runDir);
			try (InputStream in = PoisonProducer.class.getResourceAsStream(SCRIPT)) {
				Files.write(script, in.readAllBytes());
			}
			Files.deleteIfExists(summary);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare " + runDir, ex);
		}
		ProcessBuilder builder = new ProcessBuilder(this.node, script.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("NODE_PATH", this.workDir.resolve("node_modules").toString());
		env.put("BROKERS", bootstrapServers);
		// The password goes through the environment, not the command line that ps shows.
		env.put("SASL_USERNAME", user);
		env.put("SASL_PASSWORD", password);
		env.put("CA_FILE", caPem.toAbsolutePath().toString());
		env.put("TOPIC", topic);
		env.put("PARTITIONS", Integer.toString(partitions));
		env.put("COUNT", Integer.toString(count));
		env.put("HOST", host);
		env.put("SUMMARY_FILE", summary.toString());
		long started = System.nanoTime();
		int exit = run(builder, RUN_TIMEOUT);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		if (!Files.isRegularFile(summary)) {
			throw new IllegalStateException("kafkajs poison producer exited with " + exit + " without a summary; see "
					+ log + ":\n" + tail(log));
		}
		JsonNode json = JSON.readTree(read(summary));
		return new PoisonRun(host, topic, json.path("sent").asInt(), json.path("good").asInt(),
				json.path("big").asInt(), json.path("failed").asInt(), positions(topic, json.path("invalid")),
				positions(topic, json.path("nullValues")), log, took);
	}

	private static List<PoisonRun.Position> positions(String topic, JsonNode array) {
		List<PoisonRun.Position> positions = new ArrayList<>();
		for (JsonNode position : array) {
			positions.add(new PoisonRun.Position(topic, position.path("partition").asInt(),
					position.path("offset").asLong()));
		}
		return positions;
	}

	private Path installLog() {
		return this.workDir.resolve("npm-install.log");
	}

	private boolean succeeds(List<String> command, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(installLog().toFile()));
		try {
			Files.createDirectories(this.workDir);
			return run(builder, timeout) == 0;
		}
		catch (IOException | UncheckedIOException ex) {
			return false;
		}
	}

	private static int run(ProcessBuilder builder, Duration timeout) {
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + builder.command(), ex);
		}
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
				return -1;
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ")";
		}
	}

}
