package io.kafkademo.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server scraping the local replicas, started when a {@code prometheus} binary is on the PATH. It uses
 * {@code prometheus/prometheus-local.yml} when the replicas are where that file expects them (3 + 3 on the default
 * ports), and otherwise writes an equivalent configuration for the actual replicas into the run directory.
 */
public final class LocalPrometheus implements AutoCloseable {

	/** Where Prometheus listens, as in prometheus-local.yml's comment. */
	public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1:9090";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	// Prometheus is not a JVM, so it gets its watchdog from a shell: it stops Prometheus when the launcher is gone,
	// even SIGKILLed, and passes SIGTERM on.
	private static final String WATCHDOG_SCRIPT = """
			parent=$1; shift
			"$@" & child=$!
			trap 'kill -TERM "$child" 2>/dev/null' TERM INT
			while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
			kill -TERM "$child" 2>/dev/null
			wait "$child"
			""";

	private final Process process;

	private final String listenAddress;

	private final Path config;

	private final Path logFile;

	private LocalPrometheus(Process process, String listenAddress, Path config, Path logFile) {
		this.process = process;
		this.listenAddress = listenAddress;
		this.config = config;
		this.logFile = logFile;
	}

	/** The {@code prometheus} binary on the PATH, if any. */
	public static Optional<Path> findBinary() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts {@code binary} scraping {@code replicas}, storing into {@code runDir/prometheus}, and waits until it is
	 * ready.
	 * @throws IllegalStateException if it exits or is not ready within 20 s (e.g. the address is taken); its log is in
	 * the message
	 */
	public static LocalPrometheus start(Path binary, Path projectDir, Path runDir, List<ServiceReplica> replicas,
			String listenAddress) {
		Path dir = runDir.resolve("prometheus");
		Path logFile = dir.resolve("prometheus.log");
		Path config = configFor(projectDir, dir, replicas);
		Process process;
		try {
			Files.createDirectories(dir.resolve("data"));
			process = new ProcessBuilder("/bin/sh", "-c", WATCHDOG_SCRIPT, "local-prometheus",
					Long.toString(ProcessHandle.current().pid()), binary.toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=" + listenAddress)
				.redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + binary, ex);
		}
		LocalPrometheus prometheus = new LocalPrometheus(process, listenAddress, config, logFile);
		prometheus.awaitReady();
		return prometheus;
	}

	/** The web UI, such as {@code http://127.0.0.1:9090}. */
	public String url() {
		return "http://" + this.listenAddress;
	}

	/** The scrape configuration in use. */
	public Path config() {
		return this.config;
	}

	/** Prometheus's output. */
	public Path logFile() {
		return this.logFile;
	}

	/** Stops Prometheus (SIGTERM, SIGKILL after 10 s). */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.descendants().forEach(ProcessHandle::destroyForcibly);
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static Path configFor(Path projectDir, Path dir, List<ServiceReplica> replicas) {
		Path projectConfig = projectDir.resolve("prometheus").resolve("prometheus-local.yml");
		if (matchesProjectConfig(replicas) && Files.isRegularFile(projectConfig)) {
			return projectConfig;
		}
		StringBuilder yaml = new StringBuilder()
			.append("# Written by ./run-local for its replicas; otherwise the same as prometheus/prometheus-local.yml.\n")
			.append("global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\n  evaluation_interval: 5s\n\n")
			.append("rule_files:\n  - ")
			.append(projectDir.resolve("prometheus").resolve("rules").resolve("kafka-demo-rules.yml"))
			.append("\n\nscrape_configs:\n");
		for (DemoService service : DemoService.values()) {
			yaml.append("  - job_name: ").append(service.appName()).append('\n')
				.append("    metrics_path: /actuator/prometheus\n    honor_labels: true\n    static_configs:\n");
			for (ServiceReplica replica : replicas) {
				if (replica.service() == service) {
					yaml.append("      - targets: ['127.0.0.1:").append(replica.port()).append("']\n")
						.append("        labels: { application: ").append(service.appName())
						.append(", namespace: local, pod: ").append(replica.name()).append(" }\n");
				}
			}
		}
		Path config = dir.resolve("prometheus.yml");
		try {
			Files.createDirectories(dir);
			Files.writeString(config, yaml, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + config, ex);
		}
		return config;
	}

	private static boolean matchesProjectConfig(List<ServiceReplica> replicas) {
		if (replicas.size() != 6) {
			return false;
		}
		for (ServiceReplica replica : replicas) {
			int base = (replica.service() == DemoService.SERVICE_A) ? 8081 : 8091;
			if (replica.index() > 3 || replica.port() != base + replica.index() - 1) {
				return false;
			}
		}
		return true;
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (this.process.waitFor(250, TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("Prometheus exited with code " + this.process.exitValue() + ": "
							+ tail());
				}
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException("Prometheus was not ready within " + READY_TIMEOUT.toSeconds() + " s: "
				+ tail());
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 5), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
