package io.kafkademo.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localstack.DemoService;
import io.kafkademo.localstack.LocalStack;
import io.kafkademo.localstack.ServiceReplica;
import io.kafkademo.reliability.accounting.DeliveryReport;
import io.kafkademo.reliability.accounting.FaultWindow;
import io.kafkademo.reliability.accounting.LogTailer;
import io.kafkademo.reliability.accounting.MessageLedger;
import io.kafkademo.reliability.accounting.ServiceEvent.DeadLettered;
import io.kafkademo.reliability.accounting.ServiceEvent.Tombstone;
import io.kafkademo.reliability.poison.PoisonProducer;
import io.kafkademo.reliability.poison.PoisonRun;
import io.kafkademo.reliability.report.ReliabilityTable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The six faults of the reliability issue, in sequence on one stack (the real SCRAM broker and 3 + 3 service JVMs with
 * static membership, as the Helm chart runs them), under steady traffic ({@code MSG_FREQ=100ms}). Each fault is judged
 * by message accounting from all replicas' logs; the table goes to the console and to
 * {@code target/reliability-report.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTests {

	private static final Duration MSG_FREQ = Duration.ofMillis(100);

	private static final List<String> PARTITIONS = Stream.of(KafkaProvisioner.FOO_TOPIC, KafkaProvisioner.BAR_TOPIC)
		.flatMap((topic) -> IntStream.range(0, KafkaProvisioner.DEMO_PARTITIONS).mapToObj((p) -> topic + "-" + p))
		.toList();

	/** The issue's target for the broker crash, measured from the broker being back. */
	private static final Duration RECOVERY_TARGET = Duration.ofSeconds(30);

	/** Readiness must follow the recovery of the message flow within this (the readiness check runs every 10 s). */
	private static final Duration READINESS_LAG_TARGET = Duration.ofSeconds(30);

	/** Poison must never hold a partition up longer than this. */
	private static final Duration STALL_LIMIT = Duration.ofSeconds(10);

	/** The services' graceful shutdown budget (issue 2), plus a second for the JVM to exit on a loaded machine. */
	private static final Duration GRACEFUL_STOP_LIMIT = Duration.ofSeconds(11);

	/** Generous bounds for a shared 2-core machine running a broker and six JVMs. */
	private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

	/** Live threads a replica that survived a fault may have gained (HTTP worker threads come and go). */
	private static final int THREAD_GROWTH_LIMIT = 10;

	private static final String POISON_USER = "kafkajs-poison";

	private static final int POISON_RECORDS = 1000;

	/** 1 MiB values plus record overhead exceed Kafka's default max.message.bytes (1 MiB + 12 bytes). */
	private static final int POISON_TOPIC_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

	private final MessageLedger ledger = new MessageLedger();

	private final LogTailer logs = new LogTailer(this.ledger);

	private final Map<String, DeliveryReport> reports = new LinkedHashMap<>();

	private final Map<String, List<String>> notes = new LinkedHashMap<>();

	private final Map<String, Duration> readinessLags = new LinkedHashMap<>();

	private final Set<Long> launchedPids = new HashSet<>();

	private Path workDir;

	private LocalStack stack;

	private PoisonProducer poison;

	private String poisonPassword;

	private Instant suiteStarted;

	@BeforeAll
	void startStack() {
		this.suiteStarted = Instant.now();
		this.workDir = Path.of(System.getProperty("reliability.work.dir", "target")).toAbsolutePath();
		Path runDir = this.workDir.resolve("reliability-run");
		deleteRecursively(runDir);
		this.poison = new PoisonProducer(this.workDir,
				System.getProperty("reliability.kafkajs.version", "2.2.4"));
		this.stack = LocalStack.builder()
			.runDir(runDir)
			.projectDir(Path.of(System.getProperty("reliability.project.dir", "..")))
			.replicas(3)
			.msgFreq(MSG_FREQ)
			// Free ports: ./run-local or another suite may be running on the defaults.
			.brokerPort(0)
			.basePort(DemoService.SERVICE_A, 0)
			.basePort(DemoService.SERVICE_B, 0)
			// As the Helm chart runs them: a restarted pod gets its partitions back without a rebalance.
			.environment("KAFKA_STATIC_MEMBERSHIP", "true")
			.console((line) -> {
				if (line.startsWith(LocalStack.CONSOLE_PREFIX)) {
					System.out.println(line);
				}
			})
			.build()
			.start();
		this.stack.awaitReady(READY_TIMEOUT);
		rememberPids();
		for (ServiceReplica replica : this.stack.replicas()) {
			this.logs.follow(replica.name(), replica.logFile());
		}
		this.poisonPassword = "poison-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
		this.stack.provisioner().createUser(POISON_USER, this.poisonPassword);
		this.stack.provisioner().allowWrite(POISON_USER, KafkaProvisioner.FOO_TOPIC);
		setTopicConfig(KafkaProvisioner.FOO_TOPIC, "max.message.bytes",
				Integer.toString(POISON_TOPIC_MAX_MESSAGE_BYTES));
		awaitFlowing(Instant.now());
	}

	@Test
	@Order(1)
	void brokerKilledAndRestartedAfter10sLosesNothingAndRecoversWithin30s() throws Exception {
		String fault = "1. broker SIGKILL, restart after 10 s";
		Instant start = Instant.now();
		Map<String, Double> threadsBefore = liveThreads();
		awaitTraffic(start);
		Instant injectedAt = Instant.now();
		this.stack.broker().kill();
		// The outage itself, not a wait for something: the fault is "down for 10 s".
		Thread.sleep(10_000);
		this.stack.broker().restart();
		Instant brokerBack = Instant.now();
		note(fault, "broker back %s after the kill", seconds(Duration.between(injectedAt, brokerBack)));
		DeliveryReport report = settle(fault, start, injectedAt, brokerBack, Set.of());
		if (report.recovery() != null) {
			note(fault, "messages flowing on every partition again %s after the kill",
					seconds(Duration.between(injectedAt, brokerBack.plus(report.recovery()))));
		}

		SoftAssertions.assertSoftly((softly) -> {
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.failedSends()).as("failed sends (outage shorter than delivery.timeout.ms)")
				.isZero();
			softly.assertThat(report.duplicatesBeforeFault()).as("duplicates that were not in flight").isZero();
			softly.assertThat(report.recovery()).as("recovery after the broker is back").isNotNull()
				.isLessThanOrEqualTo(RECOVERY_TARGET);
			assertNoThreadLeak(softly, threadsBefore, liveThreads());
		});
	}

	@Test
	@Order(2)
	void oneConsumerOfEachGroupKilledLosesNothingAndSurvivorsKeepTheirPartitions() {
		String fault = "2. one replica per group SIGKILL";
		Instant start = Instant.now();
		awaitTraffic(start);
		List<ServiceReplica> victims = List.of(this.stack.replica(DemoService.SERVICE_A, 2),
				this.stack.replica(DemoService.SERVICE_B, 2));
		Set<Long> stopped = victims.stream().map(ServiceReplica::pid).collect(Collectors.toSet());
		Instant injectedAt = Instant.now();
		victims.forEach(ServiceReplica::kill);
		// What the kubelet does with a crashed container: start it again, with the same pod name.
		victims.forEach(ServiceReplica::restart);
		rememberPids();
		DeliveryReport report = settle(fault, start, injectedAt, injectedAt, stopped);

		SoftAssertions.assertSoftly((softly) -> {
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.duplicatesBeforeFault()).as("duplicates that were not in flight").isZero();
			softly.assertThat(report.recovery()).as("recovery").isNotNull();
			softly.assertThat(report.partitionsLostBySurvivors()).as("partitions lost by survivors: "
					+ report.survivorLosses()).isZero();
		});
	}

	@Test
	@Order(3)
	void rollingRestartLosesAndDuplicatesNothing() {
		String fault = "3. rolling restart (SIGTERM, start, next when ready)";
		Instant start = Instant.now();
		awaitTraffic(start);
		Instant injectedAt = Instant.now();
		Set<Long> stopped = new HashSet<>();
		List<Duration> stepRecoveries = new ArrayList<>();
		List<String> stops = new ArrayList<>();
		List<Integer> exitCodes = new ArrayList<>();
		Duration slowestStop = Duration.ZERO;
		for (int index = 1; index <= 3; index++) {
			// Both Deployments roll at the same time, one pod each at a time, as `kubectl rollout restart` does.
			List<ServiceReplica> step = List.of(this.stack.replica(DemoService.SERVICE_A, index),
					this.stack.replica(DemoService.SERVICE_B, index));
			step.forEach((replica) -> stopped.add(replica.pid()));
			Instant stepAt = Instant.now();
			List<CompletableFuture<Duration>> stopping = step.stream()
				.map((replica) -> CompletableFuture.supplyAsync(() -> timed(replica::terminate)))
				.toList();
			for (int i = 0; i < step.size(); i++) {
				Duration took = stopping.get(i).join();
				ServiceReplica replica = step.get(i);
				int exitCode = replica.exitCode().orElse(-1);
				exitCodes.add(exitCode);
				stops.add(replica.name() + " " + seconds(took) + " (exit " + exitCode + ")");
				slowestStop = (took.compareTo(slowestStop) > 0) ? took : slowestStop;
				replica.restart();
			}
			rememberPids();
			this.stack.awaitReady(READY_TIMEOUT);
			stepRecoveries.add(awaitFlowing(stepAt));
		}
		note(fault, "SIGTERM to exit: %s", String.join(", ", stops));
		note(fault, "recovery per step (SIGTERM to every partition delivering again): %s",
				stepRecoveries.stream().map((step) -> (step != null) ? seconds(step) : "never")
					.collect(Collectors.joining(", ")));
		Duration slowest = slowestStop;
		DeliveryReport report = settle(fault, start, injectedAt, injectedAt, stopped,
				stepRecoveries.contains(null) ? null : stepRecoveries.stream().max(Comparator.naturalOrder()).orElseThrow());

		SoftAssertions.assertSoftly((softly) -> {
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.duplicates()).as("duplicates in a rolling restart: " + report.duplicateSample())
				.isZero();
			softly.assertThat(report.failedSends()).as("failed sends in a rolling restart").isZero();
			softly.assertThat(report.partitionsLostBySurvivors()).as("partitions lost by survivors: "
					+ report.survivorLosses()).isZero();
			softly.assertThat(slowest).as("slowest graceful shutdown").isLessThanOrEqualTo(GRACEFUL_STOP_LIMIT);
			softly.assertThat(exitCodes).as("exit codes after SIGTERM (137: had to be killed)").doesNotContain(137);
		});
	}

	@Test
	@Order(4)
	void serviceAclsRevokedFor20sLoseNothingAndRecover() throws Exception {
		String fault = "4. Service A's ACLs revoked for 20 s";
		Instant start = Instant.now();
		Map<String, Double> threadsBefore = liveThreads();
		awaitTraffic(start);
		KafkaProvisioner provisioner = this.stack.provisioner();
		String user = DemoService.SERVICE_A.user();
		Instant injectedAt = Instant.now();
		provisioner.revokeAll(user, KafkaProvisioner.FOO_TOPIC);
		provisioner.revokeAll(user, KafkaProvisioner.BAR_TOPIC);
		provisioner.revokeGroup(user, KafkaProvisioner.GROUP_A);
		// The fault itself: access is gone for 20 s.
		Thread.sleep(20_000);
		provisioner.allowWrite(user, KafkaProvisioner.FOO_TOPIC);
		provisioner.allowRead(user, KafkaProvisioner.BAR_TOPIC, KafkaProvisioner.GROUP_A);
		Instant restored = Instant.now();
		note(fault, "write on foo-topic, read on bar-topic and consumer-group-A revoked; restored %s later",
				seconds(Duration.between(injectedAt, restored)));
		DeliveryReport report = settle(fault, start, injectedAt, restored, Set.of());

		SoftAssertions.assertSoftly((softly) -> {
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.recovery()).as("recovery after the ACLs are back").isNotNull();
			assertNoThreadLeak(softly, threadsBefore, liveThreads());
		});
	}

	@Test
	@Order(5)
	void poisonFromKafkajsIsDeadLetteredAndNeverStallsTheConsumers() {
		assumePoisonPossible();
		String fault = "5. poison input (kafkajs, 1000 records)";
		Instant start = Instant.now();
		awaitTraffic(start);
		long dltBefore = endOffsets(KafkaProvisioner.FOO_TOPIC + KafkaProvisioner.DLT_SUFFIX);
		Instant injectedAt = Instant.now();
		PoisonRun run = sendPoison(fault, "kafkajs-poison-1");
		Instant sent = Instant.now();
		awaitPoisonHandled(run, true);
		DeliveryReport report = settle(fault, start, injectedAt, sent, Set.of());
		long dltWritten = endOffsets(KafkaProvisioner.FOO_TOPIC + KafkaProvisioner.DLT_SUFFIX) - dltBefore;
		note(fault, "foo-topic.DLT grew by %d records", dltWritten);

		SoftAssertions.assertSoftly((softly) -> {
			assertPoisonSent(softly, run);
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.failedSends()).as("failed sends").isZero();
			softly.assertThat(report.longestPause()).as("longest pause of a partition").isLessThan(STALL_LIMIT);
			softly.assertThat(deadLettered(run, true)).as("undecodable records published to the DLT")
				.containsExactlyInAnyOrderElementsOf(positions(run.undecodable()));
			softly.assertThat(dltWritten).as("records written to foo-topic.DLT")
				.isGreaterThanOrEqualTo(run.undecodable().size());
			softly.assertThat(tombstones(run)).as("null values skipped")
				.containsExactlyInAnyOrderElementsOf(positions(run.nullValues()));
			softly.assertThat(cutLines(run.host())).as("1 MiB values logged cut short").isEqualTo(run.big());
		});
	}

	@Test
	@Order(6)
	void poisonWhileTheDltIsNotWritableIsSkippedAndNeverStallsTheConsumers() {
		assumePoisonPossible();
		String fault = "6. poison, DLT not writable";
		Instant start = Instant.now();
		awaitTraffic(start);
		KafkaProvisioner provisioner = this.stack.provisioner();
		String dlt = KafkaProvisioner.FOO_TOPIC + KafkaProvisioner.DLT_SUFFIX;
		Instant injectedAt = Instant.now();
		provisioner.revokeAll(DemoService.SERVICE_B.user(), dlt);
		long dltBefore = endOffsets(dlt);
		PoisonRun run;
		long dltWritten;
		try {
			run = sendPoison(fault, "kafkajs-poison-2");
			awaitPoisonHandled(run, false);
			dltWritten = endOffsets(dlt) - dltBefore;
		}
		finally {
			provisioner.allowWrite(DemoService.SERVICE_B.user(), dlt);
		}
		Instant restored = Instant.now();
		note(fault, "foo-topic.DLT grew by %d records while not writable", dltWritten);
		DeliveryReport report = settle(fault, start, injectedAt, restored, Set.of());

		long written = dltWritten;
		SoftAssertions.assertSoftly((softly) -> {
			assertPoisonSent(softly, run);
			assertNothingLost(softly, report);
			assertReadyAfterRecovery(softly, fault);
			softly.assertThat(report.failedSends()).as("failed sends").isZero();
			softly.assertThat(report.longestPause()).as("longest pause of a partition").isLessThan(STALL_LIMIT);
			softly.assertThat(deadLettered(run, false)).as("undecodable records logged and skipped")
				.containsExactlyInAnyOrderElementsOf(positions(run.undecodable()));
			softly.assertThat(deadLettered(run, true)).as("undecodable records published to the DLT").isEmpty();
			softly.assertThat(written).as("records written to foo-topic.DLT").isZero();
			softly.assertThat(tombstones(run)).as("null values skipped")
				.containsExactlyInAnyOrderElementsOf(positions(run.nullValues()));
			softly.assertThat(cutLines(run.host())).as("1 MiB values logged cut short").isEqualTo(run.big());
		});
	}

	@AfterAll
	void stopStackAndReport() throws IOException {
		try {
			writeReport();
		}
		finally {
			if (this.stack != null) {
				rememberPids();
				long brokerPid = this.stack.broker().pid();
				this.launchedPids.add(brokerPid);
				this.stack.close();
			}
		}
		// No fault may leave a process behind: every replica and broker process ever launched is gone.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(this.launchedPids.stream().filter((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
				.orElse(false)).toList()).as("processes still alive after the stack stopped").isEmpty();
			assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::info)
				.map(Object::toString).toList()).as("child processes of the suite").isEmpty();
		});
	}

	/**
	 * Waits until messages flow on every partition after {@code recoveryFrom} and every replica is ready, closes the
	 * fault's window there, lets the messages acknowledged in it drain, and records its accounting.
	 */
	private DeliveryReport settle(String fault, Instant start, Instant injectedAt, Instant recoveryFrom,
			Set<Long> stopped) {
		return settle(fault, start, injectedAt, recoveryFrom, stopped, awaitFlowing(recoveryFrom));
	}

	/** {@code recovery} as measured by the caller, {@code null} if messages never flowed again everywhere. */
	private DeliveryReport settle(String fault, Instant start, Instant injectedAt, Instant recoveryFrom,
			Set<Long> stopped, Duration recovery) {
		Instant settling = Instant.now();
		// Readiness is judged from when messages flow again, or from now if the caller waited for more than that.
		Instant flowing = (recovery != null) ? recoveryFrom.plus(recovery) : settling;
		flowing = flowing.isAfter(settling) ? flowing : settling;
		try {
			this.stack.awaitReady(READY_TIMEOUT);
			Duration readinessLag = Duration.between(flowing, Instant.now());
			this.readinessLags.put(fault, readinessLag);
			note(fault, "every replica ready %s after messages flowed again", seconds(readinessLag));
		}
		catch (IllegalStateException ex) {
			note(fault, "not every replica became ready: %s", ex.getMessage().lines().findFirst().orElse(""));
		}
		FaultWindow window = new FaultWindow(fault, start, injectedAt, recoveryFrom, Instant.now(), stopped);
		try {
			await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				MessageLedger ledger = this.logs.poll();
				return ledger.account(window).lost() == 0 && ledger.settledThrough(window.end());
			});
		}
		catch (ConditionTimeoutException ex) {
			// reported (and failed) by the fault's assertions, with the lost messages named
		}
		DeliveryReport report = this.logs.poll().account(window).withRecovery(recovery);
		this.reports.put(fault, report);
		if (report.lost() > 0) {
			note(fault, "lost: %s", report.lostSample());
		}
		if (report.duplicates() > 0) {
			note(fault, "duplicated: %s (%d first delivered more than 10 s before the fault)",
					report.duplicateSample(), report.duplicatesBeforeFault());
		}
		if (report.unackedConsumed() > 0) {
			note(fault, "deliveries of messages whose acknowledgement no producer logged (in flight when it died): %d",
					report.unackedConsumed());
		}
		if (!report.survivorLosses().isEmpty()) {
			note(fault, "survivors' rebalances: %s", report.survivorLosses());
		}
		System.out.println(ReliabilityTable.render(List.of(report)));
		return report;
	}

	/**
	 * Waits until every partition of both topics delivered a message at or after {@code from}; returns how long that
	 * took, or {@code null} if some partition did not within {@link #FLOW_TIMEOUT}.
	 */
	private Duration awaitFlowing(Instant from) {
		Map<String, Instant> first;
		try {
			first = await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1))
				.until(() -> this.logs.poll().firstDeliveries(from), (map) -> map.keySet().containsAll(PARTITIONS));
		}
		catch (ConditionTimeoutException ex) {
			return null;
		}
		Instant last = PARTITIONS.stream().map(first::get).max(Comparator.naturalOrder()).orElseThrow();
		return Duration.between(from, last).isNegative() ? Duration.ZERO : Duration.between(from, last);
	}

	/**
	 * Steady state before a fault: each group's partitions spread one per replica (so that rebalances still settling
	 * from the previous fault or the start are not blamed on this one), and every partition delivered since
	 * {@code start}.
	 */
	private void awaitTraffic(Instant start) {
		await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
				this.stack.replicas().stream().collect(Collectors.toMap(ServiceReplica::name,
						(replica) -> replica.log().ownedPartitions().size())))
			.as("partitions owned per replica before the fault")
			.allSatisfy((replica, owned) -> assertThat(owned).isEqualTo(1)));
		assertThat(awaitFlowing(start)).as("messages flowing on every partition before the fault").isNotNull();
	}

	private void assertReadyAfterRecovery(SoftAssertions softly, String fault) {
		softly.assertThat(this.readinessLags.get(fault)).as("time from messages flowing to every replica ready")
			.isNotNull()
			.isLessThanOrEqualTo(READINESS_LAG_TARGET);
	}

	private PoisonRun sendPoison(String fault, String host) {
		PoisonRun run = this.poison.send(this.stack.broker().bootstrapServers(), POISON_USER, this.poisonPassword,
				this.stack.broker().caCertificate(), KafkaProvisioner.FOO_TOPIC, KafkaProvisioner.DEMO_PARTITIONS,
				POISON_RECORDS, host);
		this.logs.follow(run.host(), run.log());
		note(fault, "kafkajs sent %d records in %s: %d good, %d of 1 MiB, %d not UTF-8, %d null values, "
				+ "%d failed", run.sent(), seconds(run.took()), run.good(), run.big(), run.undecodable().size(),
				run.nullValues().size(), run.failed());
		return run;
	}

	/** Until every undecodable record was dead-lettered (or skipped) and every null value skipped. */
	private void awaitPoisonHandled(PoisonRun run, boolean published) {
		try {
			await().atMost(FLOW_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				this.logs.poll();
				return deadLettered(run, published).containsAll(positions(run.undecodable()))
						&& tombstones(run).containsAll(positions(run.nullValues()));
			});
		}
		catch (ConditionTimeoutException ex) {
			// the fault's assertions name what is missing
		}
	}

	private void assumePoisonPossible() {
		String reason = this.poison.unavailable().orElse(null);
		assumeTrue(reason == null, () -> "poison input skipped: " + reason);
	}

	private static void assertPoisonSent(SoftAssertions softly, PoisonRun run) {
		softly.assertThat(run.sent()).as("poison records acknowledged").isEqualTo(POISON_RECORDS);
		softly.assertThat(run.failed()).as("poison records kafkajs could not send").isZero();
	}

	private static void assertNothingLost(SoftAssertions softly, DeliveryReport report) {
		softly.assertThat(report.produced()).as("messages produced in the window").isPositive();
		softly.assertThat(report.lost()).as("lost messages: " + report.lostSample()).isZero();
	}

	private void assertNoThreadLeak(SoftAssertions softly, Map<String, Double> before, Map<String, Double> after) {
		before.forEach((replica, threads) -> {
			Double now = after.get(replica);
			if (now != null) {
				softly.assertThat(now - threads).as("live threads gained by " + replica).isLessThanOrEqualTo(
						THREAD_GROWTH_LIMIT);
			}
		});
	}

	private Set<String> deadLettered(PoisonRun run, boolean published) {
		Set<String> undecodable = new HashSet<>(positions(run.undecodable()));
		return this.ledger.events(DeadLettered.class).stream()
			.filter((event) -> event.published() == published)
			.map((event) -> event.topic() + "-" + event.partition() + "@" + event.offset())
			.filter(undecodable::contains)
			.collect(Collectors.toSet());
	}

	private Set<String> tombstones(PoisonRun run) {
		Set<String> nulls = new HashSet<>(positions(run.nullValues()));
		return this.ledger.events(Tombstone.class).stream()
			.map((event) -> event.topic() + "-" + event.partition() + "@" + event.offset())
			.filter(nulls::contains)
			.collect(Collectors.toSet());
	}

	private static List<String> positions(Collection<PoisonRun.Position> positions) {
		return positions.stream().map(PoisonRun.Position::toString).toList();
	}

	/** Deliveries of {@code host}'s 1 MiB values, whose log lines must have been cut at 256 characters. */
	private long cutLines(String host) {
		String marker = "from host " + host + " ";
		return this.stack.replicas(DemoService.SERVICE_B).stream().mapToLong((replica) -> {
			try (Stream<String> lines = Files.lines(replica.logFile(), StandardCharsets.UTF_8)) {
				return lines.filter((line) -> line.contains(marker) && line.endsWith("[cut, 1048576 chars in total]")
						&& line.length() < 600).count();
			}
			catch (IOException | UncheckedIOException ex) {
				throw new IllegalStateException("Cannot read " + replica.logFile(), ex);
			}
		}).sum();
	}

	private Map<String, Double> liveThreads() {
		Map<String, Double> threads = new LinkedHashMap<>();
		for (ServiceReplica replica : this.stack.replicas()) {
			try {
				threads.put(replica.name() + " (pid " + replica.pid() + ")",
						replica.metrics().sum("jvm_threads_live_threads"));
			}
			catch (UncheckedIOException ex) {
				// not answering: nothing to compare
			}
		}
		return threads;
	}

	private long endOffsets(String topic) {
		Admin admin = this.stack.broker().admin();
		Map<TopicPartition, OffsetSpec> request = IntStream.range(0, KafkaProvisioner.DEMO_PARTITIONS)
			.boxed()
			.collect(Collectors.toMap((p) -> new TopicPartition(topic, p), (p) -> OffsetSpec.latest()));
		try {
			return admin.listOffsets(request).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the end offsets of " + topic, ex);
		}
	}

	private void setTopicConfig(String topic, String name, String value) {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		try {
			this.stack.broker().admin().incrementalAlterConfigs(Map.of(resource,
					List.of(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET)))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot set " + name + " of " + topic, ex);
		}
	}

	private void rememberPids() {
		for (ServiceReplica replica : this.stack.replicas()) {
			if (replica.isAlive()) {
				this.launchedPids.add(replica.pid());
			}
		}
	}

	private void note(String fault, String format, Object... arguments) {
		this.notes.computeIfAbsent(fault, (key) -> new ArrayList<>())
			.add(String.format(Locale.ROOT, format, arguments));
	}

	private void writeReport() throws IOException {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "Reliability suite, %s: 3 + 3 replicas, MSG_FREQ=%dms, static "
				+ "membership, classic protocol with cooperative-sticky; %s in all.%n%n", this.suiteStarted,
				MSG_FREQ.toMillis(), seconds(Duration.between(this.suiteStarted, Instant.now()))));
		text.append(ReliabilityTable.render(new ArrayList<>(this.reports.values())));
		text.append(String.format(Locale.ROOT, "%nproduced: acknowledged by the broker in the fault's window; "
				+ "consumed: deliveries of those, duplicates included; recovery: from the fault (1: the broker back; "
				+ "4: the ACLs restored; 3: each SIGTERM, longest step; 5, 6: the poison written) until every "
				+ "partition of both topics delivers again.%n"));
		this.notes.forEach((fault, lines) -> {
			text.append(String.format(Locale.ROOT, "%n%s%n", fault));
			lines.forEach((line) -> text.append("- ").append(line).append(System.lineSeparator()));
		});
		String report = text.toString();
		System.out.println(report);
		Files.createDirectories(this.workDir);
		Files.writeString(this.workDir.resolve("reliability-report.md"), report, StandardCharsets.UTF_8);
	}

	private static Duration timed(Runnable action) {
		long started = System.nanoTime();
		action.run();
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + dir, ex);
		}
	}

}
