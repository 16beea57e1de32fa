package io.kafkademo.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a child JVM, secured like Amazon MSK
 * with SCRAM: a SASL_SSL listener with SCRAM-SHA-512, a per-run TLS certificate for {@code localhost} and
 * {@code 127.0.0.1}, and ACLs enforced by the StandardAuthorizer with no access when no ACL matches.
 * <p>
 * A loopback-only PLAINTEXT listener ({@link #internalBootstrapServers()}) gives super-user access for provisioning.
 * The broker JVM never outlives the JVM that started it: a shutdown hook stops it, and the broker itself exits when
 * its parent process disappears (for a parent killed with SIGKILL).
 */
public final class ScramKafkaBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ScramKafkaBroker.class);

	private static final String MAIN_CLASS = "io.kafkademo.localkafka.BrokerMain";

	private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

	private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

	private static final Duration PROBE_REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private static final int LOG_TAIL_LINES = 30;

	private final Path workDir;

	private final BrokerPorts requestedPorts;

	private final String heap;

	private final List<String> gcOptions;

	private final boolean heapCommittedAtStart;

	private final String adminUser;

	private final String adminPassword;

	private final Duration startTimeout;

	private final Map<String, String> extraProperties;

	private final Thread shutdownHook = new Thread(this::destroyOnJvmExit, "local-kafka-shutdown");

	private volatile BrokerPorts ports;

	private volatile TlsMaterial tls;

	private boolean adminCredentialCurrent;

	private boolean shutdownHookRegistered;

	private boolean closed;

	private volatile Process process;

	private volatile ClassDataSharing classDataSharing;

	private long logOffsetAtLaunch;

	private Admin admin;

	private ScramKafkaBroker(Builder builder) {
		this.workDir = builder.workDir.toAbsolutePath();
		this.requestedPorts = new BrokerPorts(builder.saslSslPort, builder.internalPort, builder.controllerPort);
		this.heap = builder.heap;
		this.gcOptions = builder.gcOptions;
		this.heapCommittedAtStart = builder.heapCommittedAtStart;
		this.adminUser = builder.adminUser;
		this.adminPassword = (builder.adminPassword != null) ? builder.adminPassword : Secrets.random(24);
		this.startTimeout = builder.startTimeout;
		this.extraProperties = new LinkedHashMap<>(builder.extraProperties);
	}

	/** A builder; {@link Builder#workDir(Path)} is required. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the broker and returns once a SCRAM login over SASL_SSL succeeds and consumer groups can be used. The
	 * first start in a work directory generates the TLS material and formats the storage with the admin user.
	 * @return this broker
	 * @throws IllegalStateException if another broker uses the work directory, or if the broker exits or is not ready
	 * within the start timeout; then the message names the first error logged and ends with the last log lines
	 */
	public synchronized ScramKafkaBroker start() {
		if (this.closed) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " is closed");
		}
		if (isRunning()) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " is already running");
		}
		long startNanos = System.nanoTime();
		createDirectories();
		WorkDirLock.ensureFree(this.workDir);
		boolean format = !Files.exists(dataDir().resolve("meta.properties"));
		ProcessBuilder launcher = prepare(format);
		registerShutdownHook();
		this.logOffsetAtLaunch = logFile().toFile().length();
		long launchNanos = System.nanoTime();
		try {
			this.process = launcher.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot launch the Kafka broker JVM", ex);
		}
		long loginMillis;
		try {
			long deadline = launchNanos + this.startTimeout.toNanos();
			awaitPort(this.ports.saslSsl(), deadline);
			if (format) {
				this.adminCredentialCurrent = true;
			}
			else if (!this.adminCredentialCurrent) {
				// Storage formatted by an earlier instance, maybe with another admin password: make ours current.
				updateAdminCredential(deadline);
				this.adminCredentialCurrent = true;
			}
			awaitScramLogin(deadline);
			loginMillis = millisSince(launchNanos);
			awaitGroupCoordinator(deadline);
		}
		catch (RuntimeException ex) {
			destroyForcibly();
			throw ex;
		}
		logger.info("Kafka broker started: bootstrap {}, pid {}, {} ms in all, JVM start to SCRAM login {} ms{}",
				bootstrapServers(), this.process.pid(), millisSince(startNanos), loginMillis,
				format ? ", storage formatted" : "");
		return this;
	}

	/** The SASL_SSL (SCRAM-SHA-512) listener, {@code localhost:PORT}. */
	public String bootstrapServers() {
		return "localhost:" + ports().saslSsl();
	}

	/** The PLAINTEXT listener bound to 127.0.0.1 only, where every client is the super user ANONYMOUS. */
	public String internalBootstrapServers() {
		return "127.0.0.1:" + ports().internal();
	}

	/** The PKCS12 truststore holding the broker's certificate. */
	public Path truststore() {
		return tls().truststore();
	}

	/** The password of {@link #truststore()}. */
	public String truststorePassword() {
		return tls().truststorePassword();
	}

	/** The type of {@link #truststore()}: {@code PKCS12}. */
	public String truststoreType() {
		return TlsMaterial.STORE_TYPE;
	}

	/** The broker's certificate as PEM, for non-Java clients that take a CA file. */
	public Path caCertificate() {
		return tls().caPem();
	}

	/** The SCRAM admin user, a super user. */
	public String adminUser() {
		return this.adminUser;
	}

	/** The password of {@link #adminUser()}. */
	public String adminPassword() {
		return this.adminPassword;
	}

	/**
	 * Client properties for {@code user} over SASL_SSL with SCRAM-SHA-512 and hostname verification, as a new
	 * mutable map.
	 */
	public Map<String, Object> clientProperties(String user, String password) {
		Objects.requireNonNull(user, "user");
		Objects.requireNonNull(password, "password");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
		properties.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, ScramJaasConfig.forCredentials(user, password));
		properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString());
		properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword());
		properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststoreType());
		return properties;
	}

	/** A cached super-user {@link Admin} on the internal listener; it survives restarts and is closed by close(). */
	public synchronized Admin admin() {
		if (this.closed) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " is closed");
		}
		if (this.admin == null) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers());
			properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-admin");
			this.admin = Admin.create(properties);
		}
		return this.admin;
	}

	/** The process id of the broker JVM. */
	public long pid() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " was never started");
		}
		return current.pid();
	}

	/** The broker JVM's output (its log4j2 log plus anything the JVM prints), appended across restarts. */
	public Path logFile() {
		return this.workDir.resolve("logs").resolve("broker.log");
	}

	/** The work directory: {@code tls/}, {@code data/}, {@code logs/} and the generated configuration. */
	public Path workDir() {
		return this.workDir;
	}

	/** The broker's log directory: one {@code <topic>-<partition>} directory of log segments per partition. */
	public Path dataDir() {
		return this.workDir.resolve("data");
	}

	/** Kills the broker JVM with SIGKILL and waits for it to exit: a crash, for fault injection. */
	public synchronized void kill() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			destroyForcibly();
			logger.info("Kafka broker killed: pid {}", current.pid());
		}
	}

	/** Stops the broker JVM with SIGTERM (a controlled shutdown), killing it if it has not exited after 30 s. */
	public synchronized void stop() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			return;
		}
		long startNanos = System.nanoTime();
		current.destroy();
		if (waitForExit(current, STOP_TIMEOUT)) {
			this.classDataSharing.publishRecordedArchive();
			logger.info("Kafka broker stopped: pid {}, {} ms", current.pid(), millisSince(startNanos));
		}
		else {
			logger.warn("Kafka broker did not stop within {} s, killing it: pid {}", STOP_TIMEOUT.toSeconds(),
					current.pid());
			destroyForcibly();
		}
	}

	/** Starts the broker again, stopping it first if it runs, with the same ports, data, users and ACLs. */
	public synchronized ScramKafkaBroker restart() {
		stop();
		return start();
	}

	/** Whether the broker JVM is alive (it may still be starting or stopping). */
	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** Closes the admin client and stops the broker (gracefully, then forcibly); the work directory stays. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
		stop();
		if (this.shutdownHookRegistered) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is already shutting down and the hook runs anyway
			}
			this.shutdownHookRegistered = false;
		}
	}

	private void createDirectories() {
		try {
			Files.createDirectories(this.workDir.resolve("logs"));
			Files.createDirectories(dataDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the work directory's files and returns the launcher of the broker JVM. */
	private ProcessBuilder prepare(boolean format) {
		if (this.ports == null) {
			this.ports = this.requestedPorts.resolveFree();
		}
		this.tls = TlsMaterial.loadOrGenerate(this.workDir.resolve("tls"));
		Path serverProperties = this.workDir.resolve("server.properties");
		Path log4jConfig = this.workDir.resolve("log4j2.properties");
		BrokerConfigFiles.writeProperties(serverProperties,
				withExtraProperties(BrokerConfigFiles.serverProperties(this.ports, dataDir(), this.tls, this.adminUser)));
		BrokerConfigFiles.writeLog4jConfig(log4jConfig);

		Path cacheDir = cacheDir();
		String classpath = BrokerClasspath.resolve(cacheDir);
		this.classDataSharing = ClassDataSharing.forClasspath(cacheDir, classpath);
		ProcessBuilder launcher = new ProcessBuilder(command(classpath, serverProperties, log4jConfig))
			.directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
		Map<String, String> environment = launcher.environment();
		environment.remove(BrokerMain.FORMAT_CLUSTER_ID_ENV);
		environment.remove(BrokerMain.FORMAT_ADD_SCRAM_ENV);
		if (format) {
			// The format step runs inside the broker JVM (BrokerMain), which saves a JVM start of ~2 s. Its SCRAM
			// argument goes through the environment, which unlike the command line other local users cannot read.
			environment.put(BrokerMain.FORMAT_CLUSTER_ID_ENV, Uuid.randomUuid().toString());
			environment.put(BrokerMain.FORMAT_ADD_SCRAM_ENV,
					ScramFormatArgument.forCredentials(this.adminUser, this.adminPassword));
		}
		return launcher;
	}

	private Map<String, String> withExtraProperties(Map<String, String> properties) {
		Map<String, String> all = new LinkedHashMap<>(properties);
		this.extraProperties.forEach((name, value) -> {
			if (all.containsKey(name)) {
				throw new IllegalArgumentException(
						"broker property " + name + " is managed by " + getClass().getSimpleName());
			}
			all.put(name, value);
		});
		return all;
	}

	private List<String> command(String classpath, Path serverProperties, Path log4jConfig) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.heap);
		if (this.heapCommittedAtStart) {
			command.add("-Xms" + this.heap);
		}
		// By default the serial GC: it starts fastest and is plenty for one small broker in a test. No
		// -XX:TieredStopAtLevel=1: with the class data archive it hardly shortens start-up, and it cuts SASL_SSL produce
		// throughput by 2-3x.
		command.addAll(this.gcOptions);
		command.addAll(this.classDataSharing.jvmOptions());
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.add("-Djava.awt.headless=true");
		command.add("-Dlog4j2.configurationFile=" + log4jConfig);
		// Kafka logs its own shutdown from a shutdown hook: log4j2's hook must not stop logging before that.
		command.add("-Dlog4j2.shutdownHookEnabled=false");
		command.add("-D" + BrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
		command.add("-D" + BrokerMain.LOCK_FILE_PROPERTY + "=" + WorkDirLock.file(this.workDir));
		command.add("-cp");
		command.add(classpath);
		command.add(MAIN_CLASS);
		command.add(serverProperties.toString());
		return command;
	}

	private void awaitPort(int port, long deadline) {
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				pause(deadline, "open port " + port);
			}
		}
	}

	private void updateAdminCredential(long deadline) {
		try {
			new KafkaProvisioner(admin()).createUser(this.adminUser, this.adminPassword);
		}
		catch (RuntimeException ex) {
			throw failure("could not update the admin user's SCRAM credential: " + ex.getMessage());
		}
		if (System.nanoTime() > deadline) {
			throw failure("was not ready within " + this.startTimeout.toSeconds() + " s");
		}
	}

	private void awaitScramLogin(long deadline) {
		Map<String, Object> properties = clientProperties(this.adminUser, this.adminPassword);
		properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-readiness");
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_REQUEST_TIMEOUT.toMillis());
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_REQUEST_TIMEOUT.toMillis());
		Exception lastFailure = null;
		while (true) {
			try (Admin probe = Admin.create(properties)) {
				probe.describeCluster().clusterId().get(PROBE_REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (ExecutionException ex) {
				lastFailure = (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			catch (TimeoutException ex) {
				lastFailure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure("start was interrupted");
			}
			pause(deadline, "accept a SCRAM login as " + this.adminUser + " (last failure: " + lastFailure + ")");
		}
	}

	/**
	 * Asks for a group coordinator, which creates {@code __consumer_offsets} on a new broker: otherwise the first
	 * consumer group of every caller would race that creation and could fail its first join.
	 */
	private void awaitGroupCoordinator(long deadline) {
		long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		try {
			admin().listConsumerGroupOffsets("local-kafka-readiness")
				.partitionsToOffsetAndMetadata()
				.get(remaining, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw failure("has no group coordinator within " + this.startTimeout.toSeconds() + " s: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("start was interrupted");
		}
	}

	/** Waits a little, failing if the broker exited or the deadline passed. */
	private void pause(long deadline, String awaited) {
		Process current = this.process;
		try {
			if (current.waitFor(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
				throw failure("exited with code " + current.exitValue() + " during start-up");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("start was interrupted");
		}
		if (System.nanoTime() > deadline) {
			throw failure("did not " + awaited + " within " + this.startTimeout.toSeconds() + " s");
		}
	}

	private IllegalStateException failure(String what) {
		String firstError = LogTail.firstError(logFile(), this.logOffsetAtLaunch)
			.map((line) -> "; first error: " + line)
			.orElse("");
		return new IllegalStateException("Kafka broker in " + this.workDir + " " + what + firstError
				+ "; last lines of " + logFile() + ":" + System.lineSeparator()
				+ LogTail.of(logFile(), LOG_TAIL_LINES));
	}

	private void destroyForcibly() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			waitForExit(current, STOP_TIMEOUT);
			this.classDataSharing.discardRecordedArchive();
		}
	}

	private static boolean waitForExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private void registerShutdownHook() {
		if (!this.shutdownHookRegistered) {
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
			this.shutdownHookRegistered = true;
		}
	}

	/** Runs in a shutdown hook: takes no lock, since the thread that called System.exit may hold it. */
	private void destroyOnJvmExit() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			current.destroy();
			if (waitForExit(current, SHUTDOWN_HOOK_TIMEOUT)) {
				this.classDataSharing.publishRecordedArchive();
			}
			else {
				current.destroyForcibly();
				this.classDataSharing.discardRecordedArchive();
			}
		}
	}

	private BrokerPorts ports() {
		BrokerPorts current = this.ports;
		if (current == null) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " was never started");
		}
		return current;
	}

	private TlsMaterial tls() {
		TlsMaterial current = this.tls;
		if (current == null) {
			throw new IllegalStateException("Kafka broker in " + this.workDir + " was never started");
		}
		return current;
	}

	/**
	 * Where the launcher jar and the class data archive are kept across work directories: the user's cache, or the
	 * work directory if that is not writable.
	 */
	private Path cacheDir() {
		String home = System.getProperty("user.home");
		if (home != null && !home.isBlank() && !"?".equals(home)) {
			Path shared = Path.of(home, ".cache", "kafka-demo-local-kafka");
			try {
				Files.createDirectories(shared);
				if (Files.isWritable(shared)) {
					return shared;
				}
			}
			catch (IOException ex) {
				// fall back to the work directory
			}
		}
		return this.workDir.resolve("jvm");
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	/**
	 * Configures a {@link ScramKafkaBroker}.
	 */
	public static final class Builder {

		private Path workDir;

		private int saslSslPort;

		private int internalPort;

		private int controllerPort;

		private String heap = "512m";

		private List<String> gcOptions = List.of("-XX:+UseSerialGC");

		private boolean heapCommittedAtStart;

		private String adminUser = "admin";

		private String adminPassword;

		private Duration startTimeout = Duration.ofSeconds(60);

		private final Map<String, String> extraProperties = new LinkedHashMap<>();

		private Builder() {
		}

		/** Required: the directory for {@code tls/}, {@code data/}, {@code logs/} and {@code server.properties}. */
		public Builder workDir(Path workDir) {
			this.workDir = Objects.requireNonNull(workDir, "workDir");
			return this;
		}

		/** The SASL_SSL port; 0 (the default) picks a free one, kept across restarts. */
		public Builder saslSslPort(int port) {
			this.saslSslPort = checkPort(port);
			return this;
		}

		/** The internal PLAINTEXT port on 127.0.0.1; 0 (the default) picks a free one. */
		public Builder internalPort(int port) {
			this.internalPort = checkPort(port);
			return this;
		}

		/** The KRaft controller port on 127.0.0.1; 0 (the default) picks a free one. */
		public Builder controllerPort(int port) {
			this.controllerPort = checkPort(port);
			return this;
		}

		/** The broker's maximum heap in {@code -Xmx} syntax, default {@code 512m}. */
		public Builder heap(String heap) {
			if (heap == null || !HEAP_SIZE.matcher(heap).matches()) {
				throw new IllegalArgumentException("heap must look like 512m or 1g, not " + heap);
			}
			this.heap = heap;
			return this;
		}

		/**
		 * Runs the broker's JVM as Kafka's own start scripts do: the collector settings of
		 * {@code KAFKA_JVM_PERFORMANCE_OPTS} (G1 with a 20 ms pause goal) instead of the serial collector, whose pauses
		 * under sustained load would show in latency measurements as the broker's, not the clients', and, as
		 * {@code KAFKA_HEAP_OPTS} ({@code -Xmx1G -Xms1G}), the whole heap committed at start. Without {@code -Xms} G1
		 * starts at 1/64 of the machine's memory, where the broker's ~170 MB of live data stays above the 35 %
		 * occupancy threshold: a concurrent cycle with a 10-20 ms remark pause every few seconds.
		 */
		public Builder kafkaScriptJvm() {
			this.gcOptions = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
					"-XX:+ExplicitGCInvokesConcurrent");
			this.heapCommittedAtStart = true;
			return this;
		}

		/** The SCRAM super user created when the storage is formatted, default {@code admin}. */
		public Builder adminUser(String adminUser) {
			if (adminUser == null || !USER_NAME.matcher(adminUser).matches()) {
				throw new IllegalArgumentException("adminUser must match " + USER_NAME + ", not " + adminUser);
			}
			this.adminUser = adminUser;
			return this;
		}

		/** The admin user's password (any characters), default a random one. */
		public Builder adminPassword(String adminPassword) {
			if (adminPassword == null || adminPassword.isEmpty()) {
				throw new IllegalArgumentException("adminPassword must not be empty");
			}
			this.adminPassword = adminPassword;
			return this;
		}

		/** How long {@link ScramKafkaBroker#start()} waits for a SCRAM login to succeed, default 60 s. */
		public Builder startTimeout(Duration startTimeout) {
			if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
				throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
			}
			this.startTimeout = startTimeout;
			return this;
		}

		/**
		 * An additional {@code server.properties} entry, for behaviour a test needs that the defaults do not give
		 * (e.g. {@code connections.max.reauth.ms}); it must not replace one of the entries this class manages.
		 */
		public Builder brokerProperty(String name, String value) {
			if (name == null || name.isBlank() || value == null) {
				throw new IllegalArgumentException("a broker property needs a name and a value, not " + name + "="
						+ value);
			}
			this.extraProperties.put(name, value);
			return this;
		}

		/** A broker with these settings, not yet started. */
		public ScramKafkaBroker build() {
			if (this.workDir == null) {
				throw new IllegalStateException("workDir is required");
			}
			return new ScramKafkaBroker(this);
		}

		private static int checkPort(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0 (free) or 1-65535, not " + port);
			}
			return port;
		}

	}

}
