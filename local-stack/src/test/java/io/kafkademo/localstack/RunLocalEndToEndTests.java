package io.kafkademo.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kafkademo.localkafka.KafkaProvisioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./run-local --duration 25s} on free ports, through the same {@link RunLocal} as the command: a real SCRAM
 * broker and 3 + 3 replica JVMs. The tests before the stop check the running system; the ones after check what the
 * run left: its exit code, summary, files, and no process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLocalEndToEndTests {

	/** Long enough for the checks made while it runs (about 10 s: Prometheus scrapes every 5 s). */
	private static final Duration RUN_FOR = Duration.ofSeconds(25);

	/** The broker, then six JVMs starting at once on a small, busy machine. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

	/** Other sessions on the machine may run ./run-local on its defaults. */
	private static final Set<Integer> DEFAULT_PORTS = Set.of(9096, 9090, 8081, 8082, 8083, 8091, 8092, 8093);

	private static final Pattern BROKER_SIGTERM = Pattern
		.compile("^\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3})] INFO Terminating process due to signal SIGTERM");

	private final List<String> console = new CopyOnWriteArrayList<>();

	private final Path runsDir = Path.of("target", "run-local-tests").toAbsolutePath();

	private final CompletableFuture<Integer> run = new CompletableFuture<>();

	private RunLocal runLocal;

	private LocalStack stack;

	private List<ProcessHandle> launched;

	private Map<String, CompletableFuture<Instant>> replicaExits;

	@BeforeAll
	void startRunLocal() {
		RunLocalOptions options = RunLocalOptions.parse("--duration", RunLocalOptions.format(RUN_FOR),
				"--broker-port", "0", "--base-port-a", "0", "--base-port-b", "0", "--prometheus-port", "0");
		this.runLocal = new RunLocal(options, CommandLine.projectDir(), this.runsDir, (line) -> {
			this.console.add(line);
			if (line.startsWith(LocalStack.CONSOLE_PREFIX)) {
				System.out.println(line);
			}
		});
		Thread runner = new Thread(() -> {
			try {
				this.run.complete(this.runLocal.run());
			}
			catch (Throwable ex) {
				this.run.completeExceptionally(ex);
			}
		}, "run-local");
		runner.start();
		await().atMost(START_TIMEOUT).until(() -> this.runLocal.isRunning() || this.run.isDone());
		assertThat(this.run).as("./run-local ended before it ran:%n%s", launcherLines()).isNotDone();
		this.stack = this.runLocal.stack();
		this.launched = ProcessHandle.current().descendants().toList();
		this.replicaExits = new LinkedHashMap<>();
		for (ServiceReplica replica : this.stack.replicas()) {
			this.replicaExits.put(replica.name(),
					ProcessHandle.of(replica.pid()).orElseThrow().onExit().thenApply((handle) -> Instant.now()));
		}
	}

	@AfterAll
	void stopRunLocal() throws Exception {
		if (this.runLocal != null && !this.run.isDone()) {
			this.runLocal.requestStop("test clean-up");
			this.run.get(2, TimeUnit.MINUTES);
		}
	}

	@Test
	@Order(1)
	void everyReplicaIsAJvmOfItsOwnWithThePodEnvironmentOnFreePorts() {
		requireRunning();
		List<ServiceReplica> replicas = this.stack.replicas();
		Set<Long> children = this.launched.stream().map(ProcessHandle::pid).collect(Collectors.toSet());

		assertThat(replicas).extracting(ServiceReplica::name)
			.containsExactly("kafka-demo-service-a-1", "kafka-demo-service-a-2", "kafka-demo-service-a-3",
					"kafka-demo-service-b-1", "kafka-demo-service-b-2", "kafka-demo-service-b-3");
		assertThat(replicas).extracting(ServiceReplica::pid).doesNotHaveDuplicates().isSubsetOf(children);
		assertThat(children).contains(this.stack.broker().pid());
		assertThat(replicas).extracting(ServiceReplica::port)
			.doesNotHaveDuplicates()
			.doesNotContainAnyElementsOf(DEFAULT_PORTS);
		assertThat(this.stack.broker().bootstrapServers()).isNotEqualTo("localhost:9096");
		for (ServiceReplica replica : replicas) {
			DemoService service = replica.service();
			assertThat(replica.environment()).as(replica.name())
				.containsEntry("HOSTNAME", replica.name())
				.containsEntry("SERVER_PORT", Integer.toString(replica.port()))
				.containsEntry("TOPIC1", service.produceTopic())
				.containsEntry("TOPIC2", service.consumeTopic())
				.containsEntry("GROUP", service.group())
				.containsEntry("MSG_FREQ", "1000ms")
				.containsEntry("KAFKA_BOOTSTRAP_SERVERS", this.stack.broker().bootstrapServers())
				.containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
				.containsEntry("KAFKA_SASL_USERNAME", service.user())
				.containsEntry("KAFKA_SASL_PASSWORD", this.stack.password(service))
				.containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", this.stack.broker().truststore().toString());
		}
	}

	@Test
	@Order(2)
	void printsEachReplicasMetricsUrlAndAnnouncesItReadyOnce() {
		requireRunning();
		this.stack.awaitReady(CHECK_TIMEOUT); // as the reliability suite does after each restart

		for (ServiceReplica replica : this.stack.replicas()) {
			assertThat(this.console).filteredOn((line) -> line.startsWith(LocalStack.CONSOLE_PREFIX + replica.name()
					+ " ready after "))
				.singleElement()
				.asString()
				.endsWith(": http://127.0.0.1:" + replica.port() + "/actuator/prometheus");
			assertThat(this.console).filteredOn((line) -> line.startsWith(LocalStack.CONSOLE_PREFIX + "metrics: "))
				.singleElement()
				.asString()
				.contains(replica.metricsUrl());
		}
	}

	@Test
	@Order(3)
	void eachGroupsThreePartitionsAreSpreadOnePerReplica() {
		requireRunning();
		await().atMost(CHECK_TIMEOUT).untilAsserted(() -> {
			for (DemoService service : DemoService.values()) {
				List<Set<String>> owned = this.stack.replicas(service)
					.stream()
					.map((replica) -> replica.log().ownedPartitions())
					.toList();
				assertThat(owned).as(service.group()).allSatisfy((partitions) -> assertThat(partitions).hasSize(1));
				assertThat(owned.stream().flatMap(Set::stream)).as(service.group())
					.containsExactlyInAnyOrder(partitions(service.consumeTopic()));
			}
		});
	}

	@Test
	@Order(4)
	void everyMessageWrittenIsReceivedByExactlyOneReplicaOfTheOtherService() {
		requireRunning();
		await().atMost(CHECK_TIMEOUT).untilAsserted(() -> assertThat(this.stack.replicas()).allSatisfy((replica) -> {
			assertThat(replica.log().produced()).as(replica.name() + " produced").isPositive();
			assertThat(replica.log().consumed()).as(replica.name() + " consumed").isPositive();
		}));
		for (DemoService producer : DemoService.values()) {
			DemoService consumer = other(producer);
			Set<MessageId> written = written(producer);

			await().atMost(CHECK_TIMEOUT)
				.untilAsserted(() -> assertThat(receivedBy(consumer).keySet()).as("received by " + consumer.appName())
					.containsAll(written));
			Map<MessageId, Integer> received = receivedBy(consumer);
			assertThat(received).as("times each message was received by " + consumer.appName())
				.allSatisfy((id, times) -> assertThat(times).as(id.toString()).isOne());
			// A message can be received a moment before its producer logs the acknowledgement.
			await().atMost(CHECK_TIMEOUT)
				.untilAsserted(() -> assertThat(written(producer)).as("written by " + producer.appName())
					.containsAll(received.keySet()));
		}
	}

	@Test
	@Order(5)
	void eachServiceMayWriteItsTopicAndReadTheOtherInItsGroupAndNothingElse() throws Exception {
		requireRunning();
		Collection<AclBinding> acls = this.stack.broker()
			.admin()
			.describeAcls(AclBindingFilter.ANY)
			.values()
			.get(CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(acls).allSatisfy((acl) -> {
			assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
			assertThat(acl.entry().host()).isEqualTo("*");
			assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
		});
		assertThat(acls).extracting((acl) -> acl.entry().principal() + " " + acl.entry().operation() + " "
				+ acl.pattern().resourceType() + " " + acl.pattern().name())
			.containsExactlyInAnyOrder("User:svc-a WRITE TOPIC foo-topic", "User:svc-a DESCRIBE TOPIC foo-topic",
					"User:svc-a WRITE TOPIC bar-topic.DLT", "User:svc-a DESCRIBE TOPIC bar-topic.DLT",
					"User:svc-a READ TOPIC bar-topic", "User:svc-a DESCRIBE TOPIC bar-topic",
					"User:svc-a READ GROUP consumer-group-A", "User:svc-b WRITE TOPIC bar-topic",
					"User:svc-b DESCRIBE TOPIC bar-topic", "User:svc-b WRITE TOPIC foo-topic.DLT",
					"User:svc-b DESCRIBE TOPIC foo-topic.DLT", "User:svc-b READ TOPIC foo-topic",
					"User:svc-b DESCRIBE TOPIC foo-topic", "User:svc-b READ GROUP consumer-group-B");

		Map<String, Object> serviceA = this.stack.broker()
			.clientProperties(DemoService.SERVICE_A.user(), this.stack.password(DemoService.SERVICE_A));
		try (KafkaConsumer<byte[], byte[]> reader = consumer(serviceA, null)) {
			reader.assign(List.of(new TopicPartition(KafkaProvisioner.FOO_TOPIC, 0)));
			assertThat(pollFailure(reader)).as("Service A reading foo-topic")
				.isInstanceOf(TopicAuthorizationException.class);
		}
		try (KafkaConsumer<byte[], byte[]> reader = consumer(serviceA, KafkaProvisioner.GROUP_B)) {
			reader.subscribe(List.of(KafkaProvisioner.BAR_TOPIC));
			assertThat(pollFailure(reader)).as("Service A reading bar-topic in consumer-group-B")
				.isInstanceOf(GroupAuthorizationException.class);
		}
		try (KafkaProducer<byte[], byte[]> writer = producer(serviceA)) {
			Future<RecordMetadata> sent = writer.send(new ProducerRecord<>(KafkaProvisioner.BAR_TOPIC, new byte[1]));
			assertThatThrownBy(() -> sent.get(CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.as("Service A writing bar-topic")
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	@Order(6)
	void prometheusFromThePathScrapesEveryReplica() {
		requireRunning();
		assumeTrue(LocalPrometheus.findBinary().isPresent(),
				"no prometheus binary on the PATH: ./run-local runs without Prometheus, nothing to check");
		LocalPrometheus prometheus = this.runLocal.prometheus()
			.orElseThrow(() -> new AssertionError("prometheus is on the PATH, but ./run-local did not start it:\n"
					+ launcherLines()));

		assertThat(this.console).contains(LocalStack.CONSOLE_PREFIX + "Prometheus: " + prometheus.url() + " (config "
				+ prometheus.config() + ")");
		// Not on the default ports, so not the checkout's prometheus-local.yml but the same for the actual ports.
		assertThat(prometheus.config()).isEqualTo(this.stack.runDir().resolve("prometheus").resolve("prometheus.yml"));
		await().atMost(CHECK_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(query(prometheus, "count(up{namespace=\"local\"} == 1)")).isEqualTo("6");
			assertThat(query(prometheus, "count(sum by (pod) (kafka_demo_messages_consumed_total) > 0)"))
				.isEqualTo("6");
		});
	}

	@Test
	@Order(7)
	void stopsAfterTheDurationServicesFirstThenTheBrokerAndLeavesNoProcess() throws Exception {
		int exitCode = this.run.get(RUN_FOR.plusMinutes(2).toSeconds(), TimeUnit.SECONDS);

		assertThat(exitCode).as("exit code; the launcher said:%n%s", launcherLines()).isZero();
		assertThat(this.launched).as("processes ./run-local started")
			.isNotEmpty()
			.allSatisfy((process) -> assertThat(process.isAlive()).as("pid %d alive", process.pid()).isFalse());
		assertThat(ProcessHandle.current().descendants()).as("processes left").isEmpty();

		Instant brokerSigterm = brokerSigterm();
		assertThat(this.replicaExits).allSatisfy((name, exit) -> assertThat(exit.join()).as(name + " exit")
			.isBeforeOrEqualTo(brokerSigterm.plusMillis(1)));
		assertThat(indexOf(LocalStack.CONSOLE_PREFIX + "running for " + RunLocalOptions.format(RUN_FOR)))
			.isLessThan(indexOf(LocalStack.CONSOLE_PREFIX + "stopping: services first, then the broker"))
			.isLessThan(indexOf(LocalStack.CONSOLE_PREFIX + "stopped the services, then the broker"));
	}

	@Test
	@Order(8)
	void summarySaysEveryReplicaProducedConsumedOwnedOnePartitionAndLoggedNoError() throws IOException {
		List<ReplicaSummary> summaries = this.stack.summary();

		assertThat(summaries).hasSize(6).allSatisfy((summary) -> {
			assertThat(summary.produced()).as(summary.name() + " produced").isPositive();
			assertThat(summary.consumed()).as(summary.name() + " consumed").isPositive();
			assertThat(summary.partitions()).as(summary.name() + " partitions").hasSize(1);
			assertThat(summary.errors()).as(summary.name() + " errors").isZero();
			assertThat(summary.startToReady()).as(summary.name() + " ready").isNotNull();
			assertThat(summary.unexpectedExitCode()).as(summary.name() + " crashed").isNull();
			assertThat(summary.running()).as(summary.name() + " running").isFalse();
		});
		for (DemoService service : DemoService.values()) {
			assertThat(summaries.stream().filter((summary) -> summary.service() == service)
				.flatMap((summary) -> summary.partitions().stream())).as(service.group())
				.containsExactlyInAnyOrder(partitions(service.consumeTopic()));
		}
		String table = SummaryTable.table(summaries);
		assertThat(String.join("\n", this.console)).contains(table);
		assertThat(this.console).anySatisfy((line) -> assertThat(line).startsWith(LocalStack.CONSOLE_PREFIX
				+ "Kafka ready after ").contains("every replica ready after", "first message received"));
		assertThat(this.stack.runDir().resolve("summary.md")).content(StandardCharsets.UTF_8)
			.startsWith("# ./run-local --duration " + RunLocalOptions.format(RUN_FOR) + " --replicas 3 --msg-freq 1s\n\n"
					+ table)
			.containsPattern("foo-topic: \\d+ written by kafka-demo-service-a, \\d+ received by kafka-demo-service-b "
					+ "\\(\\d+ not received, in flight at stop; 0 received more than once; 0 from elsewhere\\)")
			.containsPattern("bar-topic: \\d+ written by kafka-demo-service-b, \\d+ received by kafka-demo-service-a "
					+ "\\(\\d+ not received, in flight at stop; 0 received more than once; 0 from elsewhere\\)")
			.endsWith("\nOK: every replica received messages and none logged an ERROR\n");
	}

	@Test
	@Order(9)
	void consoleInterleavesThePrefixedOutputThatEachReplicasLogFileKeeps() throws IOException {
		Path runDir = this.stack.runDir();
		assertThat(runDir.getParent()).isEqualTo(this.runsDir);
		assertThat(runDir.resolve("kafka").resolve("logs").resolve("broker.log")).isNotEmptyFile();

		for (ServiceReplica replica : this.stack.replicas()) {
			String prefix = "[" + replica.name() + "] ";
			List<String> printed = this.console.stream()
				.filter((line) -> line.startsWith(prefix))
				.map((line) -> line.substring(prefix.length()))
				.toList();
			assertThat(replica.logFile()).isEqualTo(runDir.resolve(replica.name() + ".log"));
			assertThat(printed).as(prefix).isNotEmpty().isEqualTo(Files.readAllLines(replica.logFile()));
		}
		List<String> sources = this.console.stream()
			.filter((line) -> line.startsWith("[kafka-demo-service-"))
			.map((line) -> line.substring(0, line.indexOf(']') + 1))
			.toList();
		int switches = 0;
		for (int i = 1; i < sources.size(); i++) {
			switches += sources.get(i).equals(sources.get(i - 1)) ? 0 : 1;
		}
		assertThat(switches).as("changes of replica between consecutive lines").isGreaterThan(10 * 6);
	}

	private void requireRunning() {
		assertThat(this.runLocal.isRunning())
			.as("./run-local still running: --duration %s must outlast the checks", RunLocalOptions.format(RUN_FOR))
			.isTrue();
	}

	private Set<MessageId> written(DemoService producer) {
		Set<MessageId> written = new HashSet<>();
		for (ServiceReplica replica : this.stack.replicas(producer)) {
			replica.log().producedSequences().forEach((sequence) -> written.add(new MessageId(replica.name(), sequence)));
		}
		return written;
	}

	private Map<MessageId, Integer> receivedBy(DemoService consumer) {
		Map<MessageId, Integer> received = new HashMap<>();
		for (ServiceReplica replica : this.stack.replicas(consumer)) {
			replica.log().received().forEach((id) -> received.merge(id, 1, Integer::sum));
		}
		return received;
	}

	private Instant brokerSigterm() throws IOException {
		for (String line : Files.readAllLines(this.stack.broker().logFile())) {
			Matcher matcher = BROKER_SIGTERM.matcher(line);
			if (matcher.find()) {
				return LocalDateTime.parse(matcher.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
					.atZone(ZoneId.systemDefault())
					.toInstant();
			}
		}
		throw new AssertionError("The broker log has no SIGTERM line: " + this.stack.broker().logFile());
	}

	private int indexOf(String start) {
		for (int i = 0; i < this.console.size(); i++) {
			if (this.console.get(i).startsWith(start)) {
				return i;
			}
		}
		throw new AssertionError("No console line starts with " + start);
	}

	private String launcherLines() {
		return this.console.stream()
			.filter((line) -> line.startsWith(LocalStack.CONSOLE_PREFIX))
			.collect(Collectors.joining("\n"));
	}

	private static String[] partitions(String topic) {
		return new String[] { topic + "-0", topic + "-1", topic + "-2" };
	}

	private static DemoService other(DemoService service) {
		return (service == DemoService.SERVICE_A) ? DemoService.SERVICE_B : DemoService.SERVICE_A;
	}

	private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> client, String group) {
		Map<String, Object> properties = new HashMap<>(client);
		if (group != null) {
			properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
		Map<String, Object> properties = new HashMap<>(client);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/** What polling fails with; the first polls may only fetch metadata. */
	private static RuntimeException pollFailure(KafkaConsumer<byte[], byte[]> reader) {
		RuntimeException[] failure = new RuntimeException[1];
		await().atMost(CHECK_TIMEOUT).until(() -> {
			try {
				reader.poll(Duration.ofMillis(500));
				return false;
			}
			catch (RuntimeException ex) {
				failure[0] = ex;
				return true;
			}
		});
		return failure[0];
	}

	private static String query(LocalPrometheus prometheus, String promql) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(5))
			.build();
		String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		Matcher value = Pattern.compile("\"value\":\\[[^,]+,\"([^\"]*)\"]").matcher(body);
		return value.find() ? value.group(1) : body;
	}

}
