package io.kafkademo.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localkafka.ScramKafkaBroker;

/**
 * The whole system on one machine: a real SCRAM-secured Kafka broker (its own JVM), provisioned like Amazon MSK, and N
 * replicas of each service as separate JVMs with the environment a Kubernetes pod would get. Used by
 * {@code ./run-local} and by end-to-end, fault-injection and benchmark tests.
 * <pre>
 * try (LocalStack stack = LocalStack.builder().runDir(dir).build().start()) {
 *     stack.awaitReady(Duration.ofSeconds(90));
 *     stack.replica(DemoService.SERVICE_B, 2).kill();
 *     ...
 * } // services first (SIGTERM), then the broker
 * </pre>
 * No process outlives the JVM that started it: a shutdown hook stops the replicas and the broker, and when that JVM is
 * SIGKILLed the replicas' and the broker's watchdogs stop them.
 */
public final class LocalStack implements AutoCloseable {

	/** Prefix of the launcher's own console lines. */
	public static final String CONSOLE_PREFIX = "[run-local] ";

	/**
	 * JVM options that start a replica faster on a small machine (C1 only, serial GC) and keep six of them small. The
	 * C1-only JIT costs peak throughput: benchmarks should pass their own {@link Builder#jvmOptions(List)}.
	 */
	public static final List<String> SMALL_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xss512k", "-Xms32m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

	/** The environment variables the services read; inherited values are removed so that only the launcher's count. */
	static final Set<String> CONTRACT_VARIABLES = Set.of("TOPIC1", "TOPIC2", "GROUP", "MSG_FREQ", "LOG_LEVEL",
			"LOG_FORMAT", "HOSTNAME", "SERVER_PORT");

	private static final List<String> INHERITED_PREFIXES_REMOVED = List.of("KAFKA_", "SPRING_");

	private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(12);

	private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(250);

	private final Builder settings;

	private final Map<DemoService, String> passwords = new EnumMap<>(DemoService.class);

	private final List<ServiceReplica> replicas = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Thread shutdownHook = new Thread(this::stopOnJvmExit, "local-stack-shutdown");

	private ScramKafkaBroker broker;

	private Duration brokerStartTime;

	private Duration provisioningTime;

	private boolean started;

	private boolean stopped;

	private LocalStack(Builder settings) {
		this.settings = settings;
	}

	/** A builder; {@link Builder#runDir(Path)} is required. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the broker, creates the topics, users and ACLs, and launches every replica; returns without waiting for
	 * the replicas to be ready (see {@link #awaitReady(Duration)}).
	 * @throws IllegalStateException if a service jar is missing, a port is taken or the broker does not start
	 */
	public synchronized LocalStack start() {
		if (this.started) {
			throw new IllegalStateException("Local stack in " + runDir() + " was already started");
		}
		this.started = true;
		try {
			launch();
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		return this;
	}

	private void launch() {
		Map<DemoService, Path> jars = jars();
		Map<DemoService, List<Integer>> ports = replicaPorts();
		if (this.settings.brokerPort != 0) {
			LocalPorts.requireFree(this.settings.brokerPort, "the Kafka broker", "--broker-port");
		}
		createDirectory(runDir());
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);

		say("starting Kafka (KRaft, SASL_SSL + SCRAM-SHA-512, ACLs) in " + brokerDir());
		long brokerNanos = System.nanoTime();
		this.broker = ScramKafkaBroker.builder()
			.workDir(brokerDir())
			.saslSslPort(this.settings.brokerPort)
			.startTimeout(this.settings.brokerStartTimeout)
			.build();
		this.broker.start();
		this.brokerStartTime = Duration.ofNanos(System.nanoTime() - brokerNanos);
		long provisionNanos = System.nanoTime();
		for (DemoService service : DemoService.values()) {
			this.passwords.put(service, randomPassword());
		}
		provisioner().provisionDemo(DemoService.SERVICE_A.user(), this.passwords.get(DemoService.SERVICE_A),
				DemoService.SERVICE_B.user(), this.passwords.get(DemoService.SERVICE_B));
		this.provisioningTime = Duration.ofNanos(System.nanoTime() - provisionNanos);
		say(String.format(Locale.ROOT, "Kafka ready on %s in %.1f s (pid %d, log %s); topics, users and ACLs in %.1f s",
				this.broker.bootstrapServers(), seconds(this.brokerStartTime), this.broker.pid(),
				this.broker.logFile(), seconds(this.provisioningTime)));

		Path watchdogJar = WatchdogJar.write(runDir());
		for (DemoService service : DemoService.values()) {
			List<Integer> servicePorts = ports.get(service);
			for (int index = 1; index <= servicePorts.size(); index++) {
				this.replicas.add(createReplica(service, index, servicePorts.get(index - 1), jars.get(service),
						watchdogJar));
			}
		}
		say("starting " + describeReplicas() + " (MSG_FREQ=" + msgFreq() + "), logs in " + runDir());
		for (ServiceReplica replica : this.replicas) {
			replica.start();
		}
	}

	/**
	 * Waits until every replica's readiness probe answers 200, and says so once per replica launch (a later call after
	 * a restart announces only the restarted replicas).
	 * @throws IllegalStateException if a replica exits meanwhile or {@code timeout} passes, naming the replicas and
	 * ending with the last lines of a failed one's log
	 */
	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ServiceReplica> pending = new ArrayList<>(replicas());
		while (true) {
			// Probed all at once: a replica busy starting can take seconds to answer, which must not delay the others.
			Map<ServiceReplica, CompletableFuture<Boolean>> probes = new LinkedHashMap<>();
			pending.forEach((replica) -> probes.put(replica, replica.probeReadiness()));
			for (Map.Entry<ServiceReplica, CompletableFuture<Boolean>> probe : probes.entrySet()) {
				ServiceReplica replica = probe.getKey();
				if (probe.getValue().join()) {
					pending.remove(replica);
					Optional<Duration> took = replica.startToReady();
					if (took.isPresent() && replica.claimReadyAnnouncement()) {
						say(String.format(Locale.ROOT, "%s ready after %.1f s: %s", replica.name(),
								seconds(took.get()), replica.metricsUrl()));
					}
				}
				else if (!replica.isAlive()) {
					throw new IllegalStateException(replica.name() + " exited with code "
							+ replica.exitCode().orElse(-1) + " before it was ready; last lines of "
							+ replica.logFile() + ":" + System.lineSeparator() + replica.lastLines(30));
				}
			}
			if (pending.isEmpty()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				ServiceReplica first = pending.get(0);
				throw new IllegalStateException("Not ready within " + timeout.toSeconds() + " s: "
						+ pending.stream().map(ServiceReplica::name).toList() + "; last lines of " + first.logFile()
						+ ":" + System.lineSeparator() + first.lastLines(30));
			}
			try {
				Thread.sleep(READY_POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the replicas to be ready", ex);
			}
		}
	}

	/** The broker (started by {@link #start()}). */
	public ScramKafkaBroker broker() {
		if (this.broker == null) {
			throw new IllegalStateException("Local stack in " + runDir() + " was not started");
		}
		return this.broker;
	}

	/** A provisioner on the broker's super-user admin client: revoke and restore ACLs, users, topics. */
	public KafkaProvisioner provisioner() {
		return new KafkaProvisioner(broker().admin());
	}

	/** The SCRAM password of {@code service}'s user ({@link DemoService#user()}), random per run. */
	public String password(DemoService service) {
		String password = this.passwords.get(service);
		if (password == null) {
			throw new IllegalStateException("Local stack in " + runDir() + " was not started");
		}
		return password;
	}

	/** All replicas: Service A's, then Service B's, each in index order. */
	public synchronized List<ServiceReplica> replicas() {
		return List.copyOf(this.replicas);
	}

	/** The replicas of {@code service}, in index order. */
	public List<ServiceReplica> replicas(DemoService service) {
		return replicas().stream().filter((replica) -> replica.service() == service).toList();
	}

	/** Replica {@code index} (1-based) of {@code service}. */
	public ServiceReplica replica(DemoService service, int index) {
		return replicas(service).stream()
			.filter((replica) -> replica.index() == index)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No replica " + index + " of " + service.appName()));
	}

	/** One summary per replica, in {@link #replicas()} order. */
	public List<ReplicaSummary> summary() {
		return replicas().stream().map(ServiceReplica::summary).toList();
	}

	/** The run directory: the broker's work directory {@code kafka/}, one log file per replica. */
	public Path runDir() {
		return this.settings.runDir;
	}

	/** Time from launching the broker JVM to a successful SCRAM login with a usable group coordinator. */
	public Duration brokerStartTime() {
		return this.brokerStartTime;
	}

	/** Time to create the topics, users and ACLs. */
	public Duration provisioningTime() {
		return this.provisioningTime;
	}

	/**
	 * Stops everything, services first: SIGTERM to all replicas at once, waiting for each (SIGKILL after
	 * {@link ServiceReplica#STOP_TIMEOUT}), then the broker. Idempotent.
	 */
	public synchronized void stop() {
		if (this.stopped || !this.started) {
			this.stopped = true;
			return;
		}
		this.stopped = true;
		long stopNanos = System.nanoTime();
		for (ServiceReplica replica : this.replicas) {
			replica.signalTerminate();
		}
		for (ServiceReplica replica : this.replicas) {
			replica.awaitExit(ServiceReplica.STOP_TIMEOUT);
		}
		if (this.broker != null) {
			this.broker.close();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down already and runs the hook anyway
		}
		if (this.broker != null) {
			say(String.format(Locale.ROOT, "stopped the services, then the broker, in %.1f s",
					seconds(System.nanoTime() - stopNanos)));
		}
	}

	/** {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	private ServiceReplica createReplica(DemoService service, int index, int port, Path jar, Path watchdogJar) {
		String name = service.replicaName(index);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("TOPIC1", service.produceTopic());
		env.put("TOPIC2", service.consumeTopic());
		env.put("GROUP", service.group());
		env.put("MSG_FREQ", msgFreq());
		env.put("LOG_LEVEL", "info");
		env.put("LOG_FORMAT", "text");
		env.put("HOSTNAME", name);
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.broker.bootstrapServers());
		env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
		env.put("KAFKA_SASL_USERNAME", service.user());
		env.put("KAFKA_SASL_PASSWORD", this.passwords.get(service));
		env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", this.broker.truststore().toString());
		env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", this.broker.truststorePassword());
		env.put("KAFKA_SSL_TRUSTSTORE_TYPE", this.broker.truststoreType());
		env.putAll(this.settings.environment);
		env.putAll(this.settings.serviceEnvironment.getOrDefault(service, Map.of()));

		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.settings.jvmOptions);
		command.add("-javaagent:" + watchdogJar + "=" + ProcessHandle.current().pid());
		command.add("-jar");
		command.add(jar.toString());
		return new ServiceReplica(service, index, port, command, env, inheritedVariablesToRemove(),
				runDir().resolve(name + ".log"), this.settings.console, this.http);
	}

	private static Set<String> inheritedVariablesToRemove() {
		Set<String> removed = new HashSet<>(CONTRACT_VARIABLES);
		for (String name : System.getenv().keySet()) {
			if (INHERITED_PREFIXES_REMOVED.stream().anyMatch(name::startsWith)) {
				removed.add(name);
			}
		}
		return removed;
	}

	private Map<DemoService, Path> jars() {
		Map<DemoService, Path> jars = new EnumMap<>(DemoService.class);
		for (DemoService service : DemoService.values()) {
			Path jar = this.settings.serviceJars.getOrDefault(service, service.jar(this.settings.projectDir))
				.toAbsolutePath()
				.normalize();
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException("Missing " + jar + ": build the services first with "
						+ "./mvnw -B -q package -DskipTests -pl service-a,service-b -am");
			}
			jars.put(service, jar);
		}
		return jars;
	}

	/** The ports of each service's replicas, fixed ones checked to be free now, free ones all different. */
	private Map<DemoService, List<Integer>> replicaPorts() {
		Map<DemoService, List<Integer>> ports = new EnumMap<>(DemoService.class);
		Set<Integer> picked = new HashSet<>();
		for (DemoService service : DemoService.values()) {
			int base = this.settings.basePorts.get(service);
			List<Integer> servicePorts = new ArrayList<>();
			for (int index = 1; index <= this.settings.replicas; index++) {
				if (base == 0) {
					// A port is free again once its probe socket closes: the next probe could return it too.
					int port = LocalPorts.pickFree();
					while (!picked.add(port)) {
						port = LocalPorts.pickFree();
					}
					servicePorts.add(port);
				}
				else {
					int port = base + index - 1;
					LocalPorts.requireFree(port, service.replicaName(index),
							(service == DemoService.SERVICE_A) ? "--base-port-a" : "--base-port-b");
					servicePorts.add(port);
				}
			}
			ports.put(service, servicePorts);
		}
		return ports;
	}

	/** Runs in a shutdown hook, so takes no lock: the thread that called System.exit may hold it. */
	private void stopOnJvmExit() {
		List<ServiceReplica> current = List.copyOf(this.replicas);
		current.forEach(ServiceReplica::signalTerminate);
		long deadline = System.nanoTime() + SHUTDOWN_HOOK_TIMEOUT.toNanos();
		for (ServiceReplica replica : current) {
			long remaining = Math.max(1, deadline - System.nanoTime());
			ProcessHandle.of(replica.isAlive() ? replica.pid() : -1).ifPresent((handle) -> {
				try {
					handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
				}
				catch (Exception ex) {
					// killed below
				}
			});
		}
		current.forEach(ServiceReplica::destroyForcibly);
		// The broker's own shutdown hook stops it.
	}

	private String describeReplicas() {
		return this.settings.replicas + " replica" + ((this.settings.replicas == 1) ? "" : "s") + " each of "
				+ DemoService.SERVICE_A.appName() + " and " + DemoService.SERVICE_B.appName();
	}

	private String msgFreq() {
		return this.settings.msgFreq.toMillis() + "ms";
	}

	private Path brokerDir() {
		return runDir().resolve("kafka");
	}

	private void say(String message) {
		if (this.settings.console != null) {
			this.settings.console.accept(CONSOLE_PREFIX + message);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void createDirectory(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + dir, ex);
		}
	}

	static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static double seconds(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0;
	}

	/**
	 * Configures a {@link LocalStack}.
	 */
	public static final class Builder {

		private Path projectDir = Path.of("").toAbsolutePath();

		private Path runDir;

		private int replicas = 3;

		private Duration msgFreq = Duration.ofSeconds(1);

		private final Map<DemoService, Integer> basePorts = new EnumMap<>(
				Map.of(DemoService.SERVICE_A, 8081, DemoService.SERVICE_B, 8091));

		private int brokerPort = 9096;

		private Duration brokerStartTimeout = Duration.ofSeconds(120);

		private List<String> jvmOptions = SMALL_JVM_OPTIONS;

		private final Map<String, String> environment = new LinkedHashMap<>();

		private final Map<DemoService, Map<String, String>> serviceEnvironment = new EnumMap<>(DemoService.class);

		private final Map<DemoService, Path> serviceJars = new EnumMap<>(DemoService.class);

		private Consumer<String> console;

		private Builder() {
		}

		/** Required: where the broker's work directory and the replicas' logs go; a fresh one per run. */
		public Builder runDir(Path runDir) {
			this.runDir = Objects.requireNonNull(runDir, "runDir").toAbsolutePath().normalize();
			return this;
		}

		/** The checkout whose {@code service-a/target} and {@code service-b/target} hold the jars; default the
		 * current directory. */
		public Builder projectDir(Path projectDir) {
			this.projectDir = Objects.requireNonNull(projectDir, "projectDir").toAbsolutePath().normalize();
			return this;
		}

		/** A service jar other than the checkout's. */
		public Builder serviceJar(DemoService service, Path jar) {
			this.serviceJars.put(service, Objects.requireNonNull(jar, "jar"));
			return this;
		}

		/** Replicas per service, default 3 (as many as each topic has partitions). */
		public Builder replicas(int replicas) {
			if (replicas < 1) {
				throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
			}
			this.replicas = replicas;
			return this;
		}

		/** {@code MSG_FREQ}, default 1 s; zero means as fast as the producer accepts. */
		public Builder msgFreq(Duration msgFreq) {
			if (msgFreq == null || msgFreq.isNegative()) {
				throw new IllegalArgumentException("msgFreq must not be negative, not " + msgFreq);
			}
			this.msgFreq = msgFreq;
			return this;
		}

		/** {@code SERVER_PORT} of replica 1 of {@code service}, replica i gets base + i - 1; 0 picks free ports. */
		public Builder basePort(DemoService service, int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0 (free) or 1-65535, not " + port);
			}
			this.basePorts.put(service, port);
			return this;
		}

		/** The broker's SASL_SSL port, default 9096 (the services' default bootstrap); 0 picks a free one. */
		public Builder brokerPort(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0 (free) or 1-65535, not " + port);
			}
			this.brokerPort = port;
			return this;
		}

		/** How long the broker may take to start, default 120 s (a busy 2-core machine). */
		public Builder brokerStartTimeout(Duration timeout) {
			this.brokerStartTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/** The replicas' JVM options, default {@link LocalStack#SMALL_JVM_OPTIONS}. */
		public Builder jvmOptions(List<String> jvmOptions) {
			this.jvmOptions = List.copyOf(jvmOptions);
			return this;
		}

		/** An environment variable for every replica, overriding the launcher's (e.g. {@code KAFKA_STATIC_MEMBERSHIP}). */
		public Builder environment(String name, String value) {
			this.environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/** An environment variable for the replicas of {@code service} only. */
		public Builder environment(DemoService service, String name, String value) {
			this.serviceEnvironment.computeIfAbsent(service, (key) -> new LinkedHashMap<>())
				.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/** Receives the launcher's progress lines and every replica's output, prefixed; default none. */
		public Builder console(Consumer<String> console) {
			this.console = console;
			return this;
		}

		/** A stack with these settings, not yet started. */
		public LocalStack build() {
			if (this.runDir == null) {
				throw new IllegalStateException("runDir is required");
			}
			return new LocalStack(this);
		}

	}

}
