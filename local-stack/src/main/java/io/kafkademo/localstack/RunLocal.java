package io.kafkademo.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The main class behind {@code ./run-local}: starts a {@link LocalStack}, shows its output, runs until Ctrl-C/SIGTERM
 * or for {@code --duration}, stops it and prints the summary. Exit code 0 when every replica became ready, received
 * messages and logged no ERROR, 1 otherwise, 2 for a usage error.
 */
public final class RunLocal {

	/** System property with the checkout directory (the script sets it); default the current directory. */
	static final String PROJECT_DIR_PROPERTY = "localstack.project.dir";

	/** System property with the directory of the run directories; default {@code .run-local} in the checkout. */
	static final String RUNS_DIR_PROPERTY = "localstack.runs.dir";

	/** System property with the process id of the {@code ./run-local} script: when it is gone, stop. */
	static final String PARENT_PID_PROPERTY = "localstack.parent.pid";

	/** Six JVMs starting at once on two busy cores take a while. */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private static final DateTimeFormatter RUN_DIR_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss",
			Locale.ROOT);

	private final RunLocalOptions options;

	private final Path projectDir;

	private final Path runsDir;

	private final Consumer<String> console;

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	private volatile Thread runner;

	private volatile boolean interruptOnStop;

	private volatile LocalStack stack;

	private volatile LocalPrometheus prometheus;

	private volatile boolean running;

	/**
	 * A run with these options of the checkout in {@code projectDir}, in a new directory under {@code runsDir},
	 * showing its progress and the replicas' output on {@code console}.
	 */
	RunLocal(RunLocalOptions options, Path projectDir, Path runsDir, Consumer<String> console) {
		this.options = options;
		this.projectDir = projectDir;
		this.runsDir = runsDir;
		this.console = console;
	}

	/** {@code ./run-local [options]}: exits 0, 1 (see {@link #exitCode(boolean, List)}) or 2 for a bad option. */
	public static void main(String[] args) {
		quietClientLogging();
		RunLocalOptions options;
		try {
			options = RunLocalOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(usageError(ex));
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(RunLocalOptions.USAGE);
			return;
		}
		Path projectDir = Path.of(System.getProperty(PROJECT_DIR_PROPERTY, "")).toAbsolutePath().normalize();
		Path runsDir = Path.of(System.getProperty(RUNS_DIR_PROPERTY, projectDir.resolve(".run-local").toString()));
		RunLocal runLocal = new RunLocal(options, projectDir, runsDir.toAbsolutePath(), System.out::println);
		runLocal.stopOnSignals();
		Long parentPid = Long.getLong(PARENT_PID_PROPERTY);
		if (parentPid != null) {
			runLocal.stopWhenGone(parentPid);
		}
		System.exit(runLocal.run());
	}

	/** The one line that {@code ./run-local} prints for a bad option. */
	static String usageError(IllegalArgumentException ex) {
		return "run-local: " + ex.getMessage() + " (see ./run-local --help)";
	}

	/**
	 * 0 when the run did not fail and every replica became ready, received messages and logged no ERROR; 1 otherwise.
	 */
	static int exitCode(boolean failed, List<ReplicaSummary> summaries) {
		return (failed || summaries.isEmpty() || !SummaryTable.problems(summaries).isEmpty()) ? 1 : 0;
	}

	/**
	 * Starts the stack, runs until {@link #requestStop(String)} or for {@code --duration} once every replica is
	 * ready, stops it, prints the summary and writes it to the run directory.
	 * @return the exit code, see {@link #exitCode(boolean, List)}
	 */
	int run() {
		this.runner = Thread.currentThread();
		long startNanos = System.nanoTime();
		Instant started = Instant.now();
		Path runDir = createRunDir();
		LocalStack localStack = LocalStack.builder()
			.projectDir(this.projectDir)
			.runDir(runDir)
			.replicas(this.options.replicas())
			.msgFreq(this.options.msgFreq())
			.basePort(DemoService.SERVICE_A, this.options.basePortA())
			.basePort(DemoService.SERVICE_B, this.options.basePortB())
			.brokerPort(this.options.brokerPort())
			.console(this.console)
			.build();
		this.stack = localStack;
		say("run directory " + runDir);
		boolean failed = false;
		boolean launched = false;
		Duration allReady = null;
		try {
			this.interruptOnStop = true;
			localStack.start();
			launched = true;
			localStack.awaitReady(READY_TIMEOUT);
			this.interruptOnStop = false;
			allReady = Duration.ofNanos(System.nanoTime() - startNanos);
			say(String.format(Locale.ROOT, "all %d replicas ready %.1f s after the start",
					localStack.replicas().size(), LocalStack.seconds(allReady)));
			this.prometheus = startPrometheus(localStack);
			say("metrics: " + String.join(" ", localStack.replicas().stream().map(ServiceReplica::metricsUrl).toList()));
			this.running = true;
			awaitStop();
		}
		catch (RuntimeException ex) {
			if (this.stopRequested.getCount() > 0) {
				failed = true;
				say("FAILED: " + ex.getMessage());
			}
		}
		finally {
			this.running = false;
			this.interruptOnStop = false;
			Thread.interrupted(); // a stop request during start-up interrupted us: do not cut the graceful stop short
			if (launched) {
				say("stopping: services first, then the broker");
			}
			if (this.prometheus != null) {
				this.prometheus.close();
			}
			localStack.stop();
		}
		List<ReplicaSummary> summaries = localStack.summary();
		if (!summaries.isEmpty()) {
			say(timings(localStack, started, allReady) + "; summary in " + runDir.resolve("summary.md"));
			String summary = SummaryTable.render(summaries, localStack.replicas());
			print("");
			print(summary);
			writeSummary(runDir, summary);
		}
		return exitCode(failed, summaries);
	}

	/** Asks a running {@link #run()} to stop, as Ctrl-C does; a no-op after the first call. */
	void requestStop(String reason) {
		if (this.stopRequested.getCount() == 0) {
			return;
		}
		print("");
		say(reason + ": stopping");
		this.stopRequested.countDown();
		Thread current = this.runner;
		if (this.interruptOnStop && current != null) {
			current.interrupt();
		}
	}

	/** Whether every replica is ready and no stop was requested yet. */
	boolean isRunning() {
		return this.running;
	}

	/** The stack of the current or last run, {@code null} before {@link #run()}. */
	LocalStack stack() {
		return this.stack;
	}

	/** Prometheus, if this run started it (it is stopped after the run). */
	Optional<LocalPrometheus> prometheus() {
		return Optional.ofNullable(this.prometheus);
	}

	private void awaitStop() {
		try {
			if (this.options.duration() != null) {
				say("running for " + RunLocalOptions.format(this.options.duration()) + " (Ctrl-C stops earlier)");
				this.stopRequested.await(this.options.duration().toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				say("running until Ctrl-C");
				this.stopRequested.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private LocalPrometheus startPrometheus(LocalStack localStack) {
		if (!this.options.prometheus()) {
			return null;
		}
		Optional<Path> binary = LocalPrometheus.findBinary();
		if (binary.isEmpty()) {
			say("no prometheus on the PATH: not starting Prometheus (scrape the URLs below yourself)");
			return null;
		}
		try {
			int port = this.options.prometheusPort();
			if (port == 0) {
				port = LocalPorts.pickFree();
			}
			else {
				LocalPorts.requireFree(port, "Prometheus", "--prometheus-port");
			}
			LocalPrometheus started = LocalPrometheus.start(binary.get(), this.projectDir, localStack.runDir(),
					localStack.replicas(), "127.0.0.1:" + port);
			say("Prometheus: " + started.url() + " (config " + started.config() + ")");
			return started;
		}
		catch (RuntimeException ex) {
			say("not starting Prometheus: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Ctrl-C and SIGTERM stop the stack in order: services, then the broker. The JVM's default reaction, running all
	 * shutdown hooks at once, would stop the broker (it has its own hook) while the services still use it. A second
	 * signal exits at once, through the hooks.
	 */
	@SuppressWarnings("restriction")
	private void stopOnSignals() {
		sun.misc.SignalHandler handler = (signal) -> {
			if (this.stopRequested.getCount() == 0) {
				System.exit(128 + signal.getNumber());
			}
			requestStop("SIG" + signal.getName());
		};
		for (String name : List.of("INT", "TERM", "HUP")) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
			}
			catch (IllegalArgumentException ex) {
				// not available on this platform: the shutdown hooks still stop everything
			}
		}
	}

	/** The script runs the launcher in a session of its own: if the script is killed, the launcher must notice. */
	private void stopWhenGone(long pid) {
		ProcessHandle.of(pid)
			.ifPresentOrElse((parent) -> parent.onExit().thenRun(() -> requestStop("./run-local (pid " + pid
					+ ") exited")), () -> requestStop("./run-local (pid " + pid + ") is gone"));
	}

	private static String timings(LocalStack localStack, Instant started, Duration allReady) {
		Optional<Instant> firstReceived = localStack.replicas()
			.stream()
			.map((replica) -> replica.log().firstConsumedAt())
			.flatMap(Optional::stream)
			.min(Comparator.naturalOrder());
		StringBuilder text = new StringBuilder();
		if (localStack.brokerStartTime() != null) {
			text.append(String.format(Locale.ROOT, "Kafka ready after %.1f s, ",
					LocalStack.seconds(localStack.brokerStartTime())));
		}
		text.append((allReady != null)
				? String.format(Locale.ROOT, "every replica ready after %.1f s, ", LocalStack.seconds(allReady))
				: "not every replica became ready, ");
		text.append(firstReceived
			.map((at) -> String.format(Locale.ROOT, "first message received %.1f s after the start",
					LocalStack.seconds(Duration.between(started, at))))
			.orElse("no message received"));
		return text.toString();
	}

	private Path createRunDir() {
		Path parent = this.runsDir;
		String name = LocalDateTime.now().format(RUN_DIR_NAME);
		try {
			Files.createDirectories(parent);
			for (int attempt = 1;; attempt++) {
				Path dir = parent.resolve((attempt == 1) ? name : name + "-" + attempt);
				try {
					return Files.createDirectory(dir);
				}
				catch (FileAlreadyExistsException ex) {
					// two runs in the same second
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a run directory in " + parent, ex);
		}
	}

	private void writeSummary(Path runDir, String summary) {
		try {
			Files.writeString(runDir.resolve("summary.md"), "# ./run-local " + this.options.describe() + "\n\n"
					+ summary, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			say("cannot write summary.md: " + ex.getMessage());
		}
	}

	/** The broker and admin clients log through slf4j-simple: warnings only, one short line each. */
	private static void quietClientLogging() {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
		System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
		System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
		System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
	}

	private void say(String message) {
		this.console.accept(LocalStack.CONSOLE_PREFIX + message);
	}

	private void print(String line) {
		this.console.accept(line);
	}

}
