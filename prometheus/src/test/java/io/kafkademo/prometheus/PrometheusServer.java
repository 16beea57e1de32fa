package io.kafkademo.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/** A real Prometheus server (the Debian package's binary) on a free loopback port, with its own storage. */
final class PrometheusServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final URI baseUri;

	private final Path log;

	private PrometheusServer(Process process, int port, Path log) {
		this.process = process;
		this.baseUri = URI.create("http://127.0.0.1:" + port);
		this.log = log;
	}

	/** Starts Prometheus with {@code config}, its storage and log in {@code workDir}, and waits until it is ready. */
	static PrometheusServer start(Path config, Path workDir) {
		ExternalTool prometheus = ExternalTool.require("prometheus");
		int port = freePort();
		Path log = workDir.resolve("prometheus.log");
		try {
			Process process = new ProcessBuilder(prometheus.path().toString(), "--config.file=" + config,
					"--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, port, log);
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(server::ready);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private boolean ready() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("prometheus exited with " + this.process.exitValue() + ":\n" + log());
		}
		try {
			return send("/-/ready").statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	long pid() {
		return this.process.pid();
	}

	/** An instant query through the HTTP API; the parsed response, whether it succeeded or not. */
	JsonNode query(String promql) {
		return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
	}

	/** A GET of the HTTP API, e.g. {@code /api/v1/targets}; the parsed response. */
	JsonNode get(String pathAndQuery) {
		return MonitoringFiles.JSON.readTree(send(pathAndQuery).body());
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private HttpResponse<String> send(String pathAndQuery) {
		try {
			return http.send(HttpRequest.newBuilder(this.baseUri.resolve(pathAndQuery)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops the server by its PID: SIGTERM, then SIGKILL if it has not exited within 10 s. */
	@Override
	public void close() {
		ProcessHandle handle = ProcessHandle.of(pid()).orElse(null);
		if (handle == null) {
			return;
		}
		handle.destroy();
		try {
			handle.onExit().get(10, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			handle.destroyForcibly();
		}
		catch (InterruptedException ex) {
			handle.destroyForcibly();
			Thread.currentThread().interrupt();
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

}
