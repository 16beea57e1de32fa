package io.kafkademo.localstack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One replica of a service: a {@code java -jar} process with the environment a Kubernetes pod would get, its own
 * port and log file, and handles for fault injection (SIGTERM, SIGKILL, restart). Its output goes to
 * {@link #logFile()}, to {@link #log()} and, prefixed with {@code [name]}, to the stack's console.
 */
public final class ServiceReplica {

	/** How long {@link #terminate()} waits for a graceful exit before SIGKILL (the services need 10 s at most). */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

	private final DemoService service;

	private final int index;

	private final int port;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Set<String> removedEnvironment;

	private final Path logFile;

	private final Consumer<String> console;

	private final HttpClient http;

	private final ReplicaLog log = new ReplicaLog();

	private volatile Process process;

	private volatile Thread outputPump;

	private volatile boolean exitExpected;

	private volatile long launchNanos;

	private volatile Duration startToReady;

	private volatile Set<String> partitionsAtStop;

	private volatile Integer unexpectedExitCode;

	private final AtomicBoolean readyAnnounced = new AtomicBoolean();

	private int launches;

	ServiceReplica(DemoService service, int index, int port, List<String> command, Map<String, String> environment,
			Set<String> removedEnvironment, Path logFile, Consumer<String> console, HttpClient http) {
		this.service = service;
		this.index = index;
		this.port = port;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.removedEnvironment = Set.copyOf(removedEnvironment);
		this.logFile = logFile;
		this.console = console;
		this.http = http;
	}

	/** {@code HOSTNAME}: {@code kafka-demo-service-a-1}. */
	public String name() {
		return this.service.replicaName(this.index);
	}

	/** The service this is a replica of. */
	public DemoService service() {
		return this.service;
	}

	/** 1-based index among the service's replicas. */
	public int index() {
		return this.index;
	}

	/** {@code SERVER_PORT}: HTTP and actuator. */
	public int port() {
		return this.port;
	}

	/** Where Prometheus scrapes this replica. */
	public String metricsUrl() {
		return "http://127.0.0.1:" + this.port + "/actuator/prometheus";
	}

	/** The replica's environment variables as set by the launcher (the rest is inherited). */
	public Map<String, String> environment() {
		return this.environment;
	}

	/** Everything the replica printed, across restarts. */
	public Path logFile() {
		return this.logFile;
	}

	/** The replica's log as parsed so far, across restarts. */
	public ReplicaLog log() {
		return this.log;
	}

	/** The current (or last) process id. */
	public long pid() {
		return requireProcess().pid();
	}

	/** How many times the replica was launched. */
	public synchronized int launches() {
		return this.launches;
	}

	/** Whether the process is alive (maybe not ready yet, or shutting down). */
	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** The exit code of the last process, empty while it runs or before the first launch. */
	public Optional<Integer> exitCode() {
		Process current = this.process;
		return (current == null || current.isAlive()) ? Optional.empty() : Optional.of(current.exitValue());
	}

	/**
	 * Whether {@code /actuator/health/readiness} answers 200 now (the replica reaches the broker and its topics); the
	 * first time, records {@link #startToReady()}.
	 */
	public boolean isReady() {
		return probeReadiness().join();
	}

	/** {@link #isReady()} without blocking, so that many replicas can be probed at once. */
	public CompletableFuture<Boolean> probeReadiness() {
		if (!isAlive()) {
			return CompletableFuture.completedFuture(false);
		}
		long launched = this.launchNanos;
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
				+ "/actuator/health/readiness"))
			.timeout(HTTP_TIMEOUT)
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
			boolean ready = failure == null && response.statusCode() == 200;
			if (ready && this.startToReady == null && launched == this.launchNanos) {
				this.startToReady = Duration.ofNanos(System.nanoTime() - launched);
			}
			return ready;
		});
	}

	/** Time from the current process's launch to the first successful {@link #isReady()}, if seen yet. */
	public Optional<Duration> startToReady() {
		return Optional.ofNullable(this.startToReady);
	}

	/**
	 * Scrapes {@code /actuator/prometheus}.
	 * @throws UncheckedIOException if the replica does not answer
	 */
	public ReplicaMetrics metrics() {
		try {
			HttpResponse<String> response = get("/actuator/prometheus");
			if (response.statusCode() != 200) {
				throw new UncheckedIOException(new IOException(name() + " answered " + response.statusCode()
						+ " on /actuator/prometheus"));
			}
			return ReplicaMetrics.parse(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot scrape " + name() + " at " + metricsUrl(), ex);
		}
	}

	/** Stops the replica with SIGTERM (graceful shutdown), then SIGKILL after {@link #STOP_TIMEOUT}; waits for exit. */
	public synchronized void terminate() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		beforeExpectedExit();
		current.toHandle().destroy();
		awaitExit(STOP_TIMEOUT);
	}

	/** Kills the replica with SIGKILL, a crash, and waits for it to exit. */
	public synchronized void kill() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		beforeExpectedExit();
		current.toHandle().destroyForcibly();
		waitFor(current, STOP_TIMEOUT);
		drainOutput();
	}

	/** Stops the replica if it runs ({@link #terminate()}) and launches it again with the same port and environment. */
	public synchronized void restart() {
		terminate();
		start();
	}

	/** Counts, partitions and errors so far; partitions are those owned when the replica was last stopped, if it is. */
	public ReplicaSummary summary() {
		Set<String> partitions = (!isAlive() && this.partitionsAtStop != null) ? this.partitionsAtStop
				: this.log.ownedPartitions();
		return new ReplicaSummary(name(), this.service, this.port, this.log.produced(), this.log.consumed(),
				partitions, this.log.errors(), this.log.warnings(), this.startToReady, isAlive(),
				this.unexpectedExitCode, this.log.errorLines());
	}

	synchronized void start() {
		if (isAlive()) {
			throw new IllegalStateException(name() + " is already running: pid " + pid());
		}
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		this.removedEnvironment.forEach(env::remove);
		env.putAll(this.environment);
		this.exitExpected = false;
		this.partitionsAtStop = null;
		this.unexpectedExitCode = null;
		this.startToReady = null;
		this.readyAnnounced.set(false);
		this.launchNanos = System.nanoTime();
		Process started;
		try {
			started = builder.start();
			started.getOutputStream().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch " + name() + ": " + this.command, ex);
		}
		this.process = started;
		this.launches++;
		Thread pump = new Thread(() -> pumpOutput(started), name() + "-output");
		pump.setDaemon(true);
		pump.start();
		this.outputPump = pump;
	}

	/** Sends SIGTERM without waiting: lets a caller stop many replicas at once. */
	void signalTerminate() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			beforeExpectedExit();
			current.toHandle().destroy();
		}
	}

	/** SIGKILL without waiting, for the JVM shutdown hook. */
	void destroyForcibly() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			this.exitExpected = true;
			current.toHandle().destroyForcibly();
		}
	}

	/**
	 * Whether the caller is the first to announce that the current process is ready: true once per launch, after
	 * {@link #startToReady()} is known.
	 */
	boolean claimReadyAnnouncement() {
		return this.startToReady != null && this.readyAnnounced.compareAndSet(false, true);
	}

	/** Tail of the log file for error messages. */
	String lastLines(int count) {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.logFile + ": " + ex.getMessage() + ")";
		}
	}

	private void beforeExpectedExit() {
		this.exitExpected = true;
		this.partitionsAtStop = this.log.ownedPartitions();
	}

	private void pumpOutput(Process source) {
		String prefix = "[" + name() + "] ";
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter file = Files.newBufferedWriter(this.logFile, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
			String line;
			while ((line = reader.readLine()) != null) {
				file.write(line);
				file.newLine();
				file.flush();
				this.log.accept(line);
				if (this.console != null) {
					this.console.accept(prefix + line);
				}
			}
		}
		catch (IOException ex) {
			note("cannot copy the output of " + name() + ": " + ex.getMessage());
		}
		try {
			int code = source.waitFor();
			if (!this.exitExpected) {
				this.unexpectedExitCode = code;
				note(name() + " exited unexpectedly with code " + code + " (log: " + this.logFile + ")");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits until every line of the exited process has been read, so the log and summary are complete. */
	private void drainOutput() {
		Thread pump = this.outputPump;
		if (pump != null) {
			try {
				pump.join(OUTPUT_DRAIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	void awaitExit(Duration timeout) {
		Process current = this.process;
		if (current != null && !waitFor(current, timeout)) {
			note(name() + " did not stop within " + timeout.toSeconds() + " s: killing it");
			current.toHandle().destroyForcibly();
			waitFor(current, timeout);
		}
		drainOutput();
	}

	private void note(String message) {
		if (this.console != null) {
			this.console.accept(LocalStack.CONSOLE_PREFIX + message);
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(HTTP_TIMEOUT)
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private Process requireProcess() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException(name() + " was never started");
		}
		return current;
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	@Override
	public String toString() {
		Process current = this.process;
		return name() + " (port " + this.port + ((current != null) ? ", pid " + current.pid() : "") + ")";
	}

}
