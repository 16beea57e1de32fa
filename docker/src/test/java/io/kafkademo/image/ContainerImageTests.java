package io.kafkademo.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localkafka.ScramKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the Service B image from docker/Dockerfile on a registry-free Java 25 JRE base (docker/build-jre-base.sh) and
 * runs it as Kubernetes would: read-only root filesystem, a tmpfs /tmp, numeric non-root user, against a real SASL_SSL
 * + SCRAM-SHA-512 broker. Skipped when buildah, podman or runc is not installed, or no JDK 25 is found.
 */
class ContainerImageTests {

	private static final Logger logger = LoggerFactory.getLogger(ContainerImageTests.class);

	private static final Path REPOSITORY = Path.of(System.getProperty("kafkademo.repository-root", ".."))
		.toAbsolutePath()
		.normalize();

	private static final String SERVICE = "service-b";

	private static final String BASE_IMAGE = "localhost/kafka-demo-jre:test";

	private static final String IMAGE = "localhost/kafka-demo-" + SERVICE + ":test";

	private static final List<String> ENTRYPOINT = List.of("java", "-XX:AOTCache=application.aot", "-jar",
			"application.jar");

	/** The image's JVM flags; the Helm chart's javaToolOptions default repeats them (see helm's DeploymentTests). */
	private static final String JAVA_TOOL_OPTIONS = "-XX:+UseParallelGC -XX:NewRatio=1 -XX:MaxRAMPercentage=40 "
			+ "-XX:+ExitOnOutOfMemoryError";

	/** The Helm chart's memory limit (resources.limits.memory: 384Mi). */
	private static final long MEMORY_LIMIT_BYTES = 384L << 20;

	/** Records the load-mode replica must have acknowledged: 10-20 s at the rates measured here (bench/). */
	private static final long LOAD_RECORDS = 3_000_000;

	private static final Pattern PRODUCED = Pattern
		.compile("(?m)^kafka_demo_messages_produced_total\\{[^}]*\\} (\\S+)$");

	private static final String TRUSTSTORE_IN_CONTAINER = "/etc/kafka/truststore.p12";

	private static final String POD_HOSTNAME = "kafka-demo-service-b-7d9f-x2k4q";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Optional<String> missingTool = ContainerCli.missingTool();

	private static final Optional<Path> jdk25 = Jdk25.find();

	@TempDir
	static Path storage;

	private static ContainerCli cli;

	@BeforeAll
	static void buildImage() {
		if (missingTool.isPresent() || jdk25.isEmpty()) {
			logger.warn(skipReason());
			return;
		}
		Path jar = REPOSITORY.resolve(SERVICE + "/target/kafka-demo-" + SERVICE + ".jar");
		assertThat(jar).as("the jar the image is built from (./mvnw install -pl %s -am)", SERVICE).isRegularFile();
		cli = new ContainerCli(storage);

		long start = System.nanoTime();
		List<String> script = List.of("bash", "docker/build-jre-base.sh", "--image", BASE_IMAGE, "--jdk",
				jdk25.orElseThrow().toString());
		cli.run(script, REPOSITORY, cli.scriptEnvironment(), Duration.ofMinutes(5));
		long baseBuilt = System.nanoTime();
		cli.buildah(Duration.ofMinutes(5), REPOSITORY, "bud", "--isolation", "chroot", "--layers", "--pull-never",
				"--file", "docker/Dockerfile", "--build-arg", "BASE_IMAGE=" + BASE_IMAGE, "--build-arg",
				"BUILDER_IMAGE=" + BASE_IMAGE, "--build-arg", "SERVICE=" + SERVICE, "--tag", IMAGE, ".");
		logger.info("Built {} in {} ms (JRE base {} ms)", IMAGE, millisSince(start),
				TimeUnit.NANOSECONDS.toMillis(baseBuilt - start));
	}

	// Per test, not in @BeforeAll: Surefire does not count the tests of a class aborted there, so they would vanish.
	@BeforeEach
	void requireContainerTools() {
		assumeTrue(missingTool.isEmpty() && jdk25.isPresent(), ContainerImageTests::skipReason);
	}

	@Test
	void imageRunsJavaDirectlyAsNumericNonRootUser() {
		JsonNode config = inspect(IMAGE).get("Config");
		assertThat(config.get("User").asString()).isEqualTo("10001:10001");
		assertThat(config.get("ExposedPorts").propertyNames()).containsExactly("8080/tcp");
		assertThat(strings(config.get("Entrypoint"))).as("exec form, no shell").isEqualTo(ENTRYPOINT);
		// In the environment, not on the command line (which would win over a deployer's JAVA_TOOL_OPTIONS).
		assertThat(strings(config.get("Env"))).contains("JAVA_TOOL_OPTIONS=" + JAVA_TOOL_OPTIONS);
	}

	@Test
	void springBootLayersAreSeparateImageLayers() {
		int baseLayers = inspect(BASE_IMAGE).get("RootFS").get("Layers").size();
		int imageLayers = inspect(IMAGE).get("RootFS").get("Layers").size();
		assertThat(imageLayers).as("dependencies, spring-boot-loader, snapshot-dependencies, application and the AOT "
				+ "cache on top of the base").isEqualTo(baseLayers + 5);

		List<Long> copyLayerSizes = new ArrayList<>();
		for (JsonNode entry : json.readTree(cli.podman(Duration.ofMinutes(1), "history", "--format", "json", IMAGE)
			.stdout())) {
			if (entry.get("CreatedBy").asString().contains(" COPY ")) {
				copyLayerSizes.add(0, entry.get("size").asLong());
			}
		}
		assertThat(copyLayerSizes).hasSize(4);
		assertThat(copyLayerSizes.get(0)).as("dependencies layer").isGreaterThan(20_000_000L);
		assertThat(copyLayerSizes.subList(1, 4)).as("loader, snapshot and application layers: what a code change ships")
			.allMatch((size) -> size < 2_000_000L);
	}

	@Test
	void aotCacheMatchesTheImagesJvmAndJars() {
		// AOTMode=on turns a cache the JVM cannot use (other JVM, changed jar) into a start-up failure.
		ContainerCli.Output output = cli.podman(Duration.ofMinutes(1), "run", "--rm", "--pull", "never", "--entrypoint",
				"java", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", IMAGE,
				"-XX:AOTCache=application.aot", "-XX:AOTMode=on", "-cp", "application.jar", "-version");
		assertThat(output.combined()).contains("25.").doesNotContain("Unable to use AOT cache");
	}

	@Test
	void aotCacheHoldsWhatStartsAfterTheContextRefreshAndTheTlsHandshake() {
		// A training run that exits at the refresh leaves out the listener's consumer and Tomcat's request handling,
		// which start only after it; one without the rehearsed handshake (no keytool in the base, say) the TLS client.
		ContainerCli.Output output = cli.podman(Duration.ofMinutes(1), "run", "--rm", "--pull", "never", "--entrypoint",
				"java", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", IMAGE,
				"-XX:AOTCache=application.aot", "-XX:+PrintSharedArchiveAndExit", "-cp", "application.jar");
		assertThat(output.combined()).as("classes in the image's AOT cache")
			.contains(" org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer app_loader")
			.contains(" org.apache.coyote.http11.Http11Processor app_loader")
			.contains(" sun.security.ssl.ClientHello$ClientHelloMessage boot_loader");
	}

	@Test
	void serviceBConsumesOverSaslSslWithReadOnlyRootAndStopsGracefully() throws Exception {
		try (ScramKafkaBroker broker = startBroker("broker")) {
			Replica replica = replica(broker, "consume");
			String container = replica.container();
			int port = replica.port();
			Map<String, String> environment = environment(broker, replica, "1");
			// The chart's default, plus the JVM printing the heap size it derived from the memory limit.
			environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS + " -XX:+PrintCommandLineFlags");
			try {
				long start = System.nanoTime();
				startContainer(replica, environment, "k8s-file");
				awaitReady(container, port);
				logger.info("Container ready in {} ms ({})", millisSince(start), startedLine(logs(container)));
				assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
				assertThat(maxHeapSize(logs(container))).as("heap from the container's memory limit, 40 %% of %d",
						MEMORY_LIMIT_BYTES)
					.isBetween(MEMORY_LIMIT_BYTES * 38 / 100, MEMORY_LIMIT_BYTES * 40 / 100);

				produce(broker.clientProperties(replica.credentials().serviceAUser(),
						replica.credentials().serviceAPassword()), 3);
				await("the consumed messages in the log").atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(500))
					.untilAsserted(() -> assertThat(logs(container))
						.contains(POD_HOSTNAME + " received message: This is message 3 from host image-test")
						.containsPattern("wrote message \\d+ to bar-topic"));

				long stopping = System.nanoTime();
				cli.podman(Duration.ofSeconds(60), "stop", "--time", "30", container);
				Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
				logger.info("Container stopped in {} ms", stopped.toMillis());
				assertThat(stopped).as("graceful shutdown time").isLessThan(Duration.ofSeconds(15));
				String logs = logs(container);
				assertThat(exitCode(container)).as("exit code (143: SIGTERM handled, 137: killed) of\n%s", logs)
					.isEqualTo(143);
				assertThat(logs).contains("stopped producing after", "Consumer stopped", "Graceful shutdown complete")
					.as("the JVM used the image's AOT cache")
					.doesNotContain("AOT cache")
					.as("native access granted by the jar's manifest (the LZ4 codec's JNI library), not warned about")
					.doesNotContain("WARNING: A restricted method");
			}
			finally {
				cli.podman(Duration.ofMinutes(1), "rm", "--force", "--ignore", container);
			}
		}
	}

	/**
	 * Load mode (MSG_FREQ=0, as fast as the broker acknowledges) with the shipped INFO line per message, in the
	 * chart's memory limit: the process must stay inside it. With the heap at 75 % of the limit, the share the image
	 * used to ship, the kernel OOM-killed such a replica within seconds (bench/BENCHMARK.md).
	 */
	@Test
	void fullLoadStaysWithinTheChartsMemoryLimit() throws Exception {
		try (ScramKafkaBroker broker = startBroker("load-broker")) {
			Replica replica = replica(broker, "load");
			String container = replica.container();
			int port = replica.port();
			// No log file: millions of lines, and Kubernetes keeps a container's log outside its memory limit too.
			try {
				startContainer(replica, environment(broker, replica, "0"), "none");
				awaitReady(container, port);
				long start = System.nanoTime();
				await("records acknowledged in load mode").atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofSeconds(1))
					.failFast("the container exited", () -> assertThat(state(container))
						.as(() -> "container state (exit code " + exitCode(container)
								+ "; 137: SIGKILL, as the kernel's OOM killer sends at the memory limit)")
						.isEqualTo("running"))
					.until(() -> produced(port), (count) -> count >= LOAD_RECORDS);
				logger.info("Load mode: {} records acknowledged in {} ms; peak memory {}", LOAD_RECORDS,
						millisSince(start), peakMemory(container));
				assertThat(state(container)).isEqualTo("running");
				assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
			}
			finally {
				cli.podman(Duration.ofMinutes(1), "rm", "--force", "--ignore", container);
			}
		}
	}

	private record Credentials(String serviceAUser, String serviceAPassword, String serviceBUser,
			String serviceBPassword) {
	}

	private record Replica(Credentials credentials, Path truststore, int port, String container) {
	}

	private static ScramKafkaBroker startBroker(String directory) throws IOException {
		return ScramKafkaBroker.builder().workDir(Files.createDirectory(storage.resolve(directory))).build().start();
	}

	/**
	 * One Service B container's set-up against {@code broker}: both services' SCRAM users and ACLs, the truststore to
	 * mount, a free port and a container name containing {@code name}.
	 */
	private static Replica replica(ScramKafkaBroker broker, String name) throws IOException {
		Credentials credentials = new Credentials("service-a", "pw-a-" + UUID.randomUUID(), "service-b",
				"pw-b-" + UUID.randomUUID());
		new KafkaProvisioner(broker.admin()).provisionDemo(credentials.serviceAUser(), credentials.serviceAPassword(),
				credentials.serviceBUser(), credentials.serviceBPassword());
		String container = "kafka-demo-" + SERVICE + "-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
		return new Replica(credentials, mountableTruststore(broker, container), freePort(), container);
	}

	/**
	 * Mounted like a Kubernetes Secret: a world-readable file the container's user 10001 can read, and nothing else of
	 * the broker's directory.
	 */
	private static Path mountableTruststore(ScramKafkaBroker broker, String name) throws IOException {
		Path truststore = Files.copy(broker.truststore(), storage.resolve(name + "-truststore.p12"),
				StandardCopyOption.REPLACE_EXISTING);
		Files.setPosixFilePermissions(truststore, PosixFilePermissions.fromString("r--r--r--"));
		return truststore;
	}

	private static Map<String, String> environment(ScramKafkaBroker broker, Replica replica,
			String messageFrequency) {
		return new HashMap<>(Map.of("SERVER_PORT", Integer.toString(replica.port()), "HOSTNAME", POD_HOSTNAME,
				"MSG_FREQ", messageFrequency, "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
				"KAFKA_SASL_USERNAME", replica.credentials().serviceBUser(), "KAFKA_SASL_PASSWORD",
				replica.credentials().serviceBPassword(), "KAFKA_SSL_TRUSTSTORE_LOCATION", TRUSTSTORE_IN_CONTAINER,
				"KAFKA_SSL_TRUSTSTORE_PASSWORD", broker.truststorePassword(), "KAFKA_SSL_TRUSTSTORE_TYPE",
				broker.truststoreType()));
	}

	/**
	 * As the Deployment runs it: read-only root, only /tmp writable (an emptyDir), the image's numeric user, the
	 * chart's memory limit.
	 */
	private static void startContainer(Replica replica, Map<String, String> environment, String logDriver) {
		List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", replica.container(), "--pull",
				"never", "--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp", "--user", "10001:10001",
				"--memory", Long.toString(MEMORY_LIMIT_BYTES), "--volume",
				replica.truststore() + ":" + TRUSTSTORE_IN_CONTAINER + ":ro", "--network", "host", "--log-driver",
				logDriver,
				// podman may not raise these limits in this sandbox: setrlimit fails without explicit values.
				"--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
		environment.forEach((name, value) -> run.addAll(List.of("--env", name + "=" + value)));
		run.add(IMAGE);
		cli.podman(Duration.ofMinutes(1), run.toArray(String[]::new));
	}

	private static void awaitReady(String container, int port) {
		await("readiness UP").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.failFast("the container exited", () -> !"running".equals(state(container)))
			.untilAsserted(() -> assertThat(status(port, "/actuator/health/readiness"))
				.as(() -> "readiness of " + container)
				.isEqualTo(200));
	}

	private static String skipReason() {
		if (missingTool.isPresent()) {
			return missingTool.get() + " is not on the PATH: container image tests skipped "
					+ "(apt-get install buildah podman runc)";
		}
		return "no JDK 25 to link the image's Java 25 base from (set JAVA25_HOME): container image tests skipped";
	}

	private static void produce(Map<String, Object> clientProperties, int count) throws Exception {
		Map<String, Object> properties = new HashMap<>(clientProperties);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		// To decompress, the service loads zstd-jni's native library, unpacked into /tmp: this proves the base image's
		// shared libraries and the writable /tmp under the read-only root.
		properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
			for (int i = 1; i <= count; i++) {
				producer
					.send(new ProducerRecord<>(KafkaProvisioner.FOO_TOPIC, Integer.toString(i),
							"This is message " + i + " from host image-test"))
					.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static JsonNode inspect(String image) {
		return json.readTree(cli.podman(Duration.ofMinutes(1), "image", "inspect", image).stdout()).get(0);
	}

	private static String state(String container) {
		return cli.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Status}}", container)
			.stdout()
			.trim();
	}

	private static int exitCode(String container) {
		return Integer.parseInt(cli.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}",
				container)
			.stdout()
			.trim());
	}

	/** The records the service has had acknowledged, from its Prometheus endpoint (0 while it does not answer). */
	private static double produced(int port) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return PRODUCED.matcher(body).results().mapToDouble((sample) -> Double.parseDouble(sample.group(1))).sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The container cgroup's peak memory use, for the log (cgroup v1 or v2; "unknown" where it cannot be read). */
	private static String peakMemory(String container) {
		String cgroup = cli.podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.CgroupPath}}", container)
			.stdout()
			.trim();
		for (Path file : List.of(Path.of("/sys/fs/cgroup/memory", cgroup, "memory.max_usage_in_bytes"),
				Path.of("/sys/fs/cgroup", cgroup, "memory.peak"))) {
			try {
				long bytes = Long.parseLong(Files.readString(file).trim());
				return String.format(java.util.Locale.ROOT, "%.0f MB of a %.0f MB limit", bytes / 1e6,
						MEMORY_LIMIT_BYTES / 1e6);
			}
			catch (IOException | NumberFormatException ex) {
				// not this cgroup version
			}
		}
		return "unknown (cgroup " + cgroup + ")";
	}

	/** The heap limit the JVM chose, from -XX:+PrintCommandLineFlags (e.g. {@code -XX:MaxHeapSize=161480704}). */
	private static long maxHeapSize(String logs) {
		Matcher flag = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(logs);
		assertThat(flag.find()).as("-XX:MaxHeapSize in\n%s", logs).isTrue();
		return Long.parseLong(flag.group(1));
	}

	/** Spring Boot's own start-up figure from the log, e.g. {@code Started ServiceBApplication in 3.1 seconds}. */
	private static String startedLine(String logs) {
		Matcher started = Pattern.compile("Started \\S+ in [0-9.]+ seconds").matcher(logs);
		return started.find() ? started.group() : "no Started line yet";
	}

	private static String logs(String container) {
		return cli.podman(Duration.ofSeconds(30), "logs", container).combined();
	}

	/** The HTTP status of {@code path} on the container's port, or -1 while nothing listens. */
	private static int status(int port, String path) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

}
