package io.kafkademo.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service replica in its own JVM, started as a pod would start it: {@code java [flags] -jar app.jar} with only the
 * environment variables of the contract. Its stdout and stderr go to a file, as a container runtime writes them.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final long startNanos;

	private final int port;

	private final Path log;

	private final String name;

	private long logOffset;

	private ServiceProcess(String name, Process process, long startNanos, int port, Path log) {
		this.name = name;
		this.process = process;
		this.startNanos = startNanos;
		this.port = port;
		this.log = log;
	}

	/** Starts {@code appJar} with {@code variant} and {@code environment} (SERVER_PORT is added). */
	static ServiceProcess start(String name, JvmVariant variant, Path appJar, Map<String, String> environment,
			Path log) {
		return start(name, variant.java(), variant.runOptions(appJar), appJar, environment, log);
	}

	/** Starts {@code appJar} with {@code java} and {@code jvmOptions} and {@code environment} (SERVER_PORT is added). */
	static ServiceProcess start(String name, Path java, List<String> jvmOptions, Path appJar,
			Map<String, String> environment, Path log) {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(appJar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(appJar.getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		try {
			long start = System.nanoTime();
			Process process = builder.start();
			return new ServiceProcess(name, process, start, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name, ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** Seconds since the process was started. */
	double secondsSinceStart(long nanos) {
		return (nanos - this.startNanos) / 1e9;
	}

	/** Polls the readiness probe every 20 ms; returns the System.nanoTime() at which it first answered 200. */
	long awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			ensureAlive();
			if (status("/actuator/health/readiness") == 200) {
				return System.nanoTime();
			}
			sleep(20);
		}
		throw new IllegalStateException(this.name + " not ready within " + timeout + "; see " + this.log);
	}

	/** Polls the log every 10 ms for a line containing {@code text}; returns the System.nanoTime() it was seen. */
	long awaitLogLine(String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		while (System.nanoTime() < deadline) {
			if (logContains(needle)) {
				return System.nanoTime();
			}
			ensureAlive();
			sleep(10);
		}
		throw new IllegalStateException(this.name + " logged no '" + text + "' within " + timeout + "; see " + this.log);
	}

	private boolean logContains(byte[] needle) {
		try (RandomAccessFile file = new RandomAccessFile(this.log.toFile(), "r")) {
			long length = file.length();
			// Re-read a needle's length of the previous chunk, in case the text straddles two reads.
			long from = Math.max(0, this.logOffset - needle.length);
			if (length <= from) {
				return false;
			}
			byte[] chunk = new byte[(int) Math.min(length - from, 8 << 20)];
			file.seek(from);
			file.readFully(chunk);
			this.logOffset = from + chunk.length;
			return indexOf(chunk, needle) >= 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** The Prometheus scrape. */
	String scrape() {
		return get("/actuator/prometheus").body();
	}

	/** One sample (summed over matching series) from a fresh scrape. */
	double metric(String name, String... labels) {
		return PrometheusText.value(scrape(), name, labels);
	}

	/** Resident set size in MB (10^6 bytes), from /proc. */
	double rssMegabytes() {
		return statusMegabytes("VmRSS:");
	}

	/** The highest resident set size since the process started, in MB (10^6 bytes), from /proc. */
	double peakRssMegabytes() {
		return statusMegabytes("VmHWM:");
	}

	private double statusMegabytes(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 / 1e6;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("no " + field + " for " + pid());
	}

	/** The HTTP status of {@code path}, or -1 if the service did not answer. */
	int status(String path) {
		try {
			return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (ConnectException | HttpTimeoutException ex) {
			return -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> get(String path) {
		try {
			HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(this.name + " answered " + response.statusCode() + " to " + path);
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.name + ": GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
	}

	void ensureAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the process exited by itself within {@code timeout}. */
	boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !this.process.isAlive();
		}
	}

	/** SIGTERM (graceful shutdown); whether the process exited within {@code timeout}. */
	boolean stop(Duration timeout) {
		this.process.destroy();
		return awaitExit(timeout);
	}

	/** The exit status; only once the process has exited. */
	int exitValue() {
		return this.process.exitValue();
	}

	/** SIGTERM (graceful shutdown), then SIGKILL after 20 s. */
	@Override
	public void close() {
		if (!stop(Duration.ofSeconds(20))) {
			try {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
