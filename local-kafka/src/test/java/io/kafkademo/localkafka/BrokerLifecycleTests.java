package io.kafkademo.localkafka;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerLifecycleTests {

	@TempDir
	static Path workDir;

	private static ScramKafkaBroker broker;

	private static KafkaProvisioner provisioner;

	@BeforeAll
	static void startBroker() {
		broker = ScramKafkaBroker.builder().workDir(workDir).build().start();
		provisioner = new KafkaProvisioner(broker.admin());
	}

	@AfterAll
	static void closeBroker() {
		long pid = broker.pid();
		broker.close();
		assertThat(isAlive(pid)).isFalse();
	}

	@BeforeEach
	void brokerRuns() {
		if (!broker.isRunning()) {
			broker.restart();
		}
	}

	@Test
	void killedBrokerRestartsWithTheSameDataUsersAclsAndPort() throws Exception {
		String topic = TestClients.unique("durable");
		String user = TestClients.unique("svc");
		String group = TestClients.unique("group");
		provisioner.createTopic(topic, 3);
		provisioner.createUser(user, "pw");
		provisioner.allowWrite(user, topic);
		provisioner.allowRead(user, topic, group);
		try (KafkaProducer<String, String> producer = TestClients.producer(broker.clientProperties(user, "pw"))) {
			producer.send(new ProducerRecord<>(topic, "survives a crash")).get(10, TimeUnit.SECONDS);
		}
		String bootstrapServers = broker.bootstrapServers();
		long pid = broker.pid();

		broker.kill();

		assertThat(isAlive(pid)).isFalse();
		assertThat(broker.isRunning()).isFalse();

		broker.restart();

		assertThat(broker.pid()).isNotEqualTo(pid);
		assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
		assertThat(consumeOne(user, topic, group)).isEqualTo("survives a crash");
		// the cached admin client reconnects by itself
		provisioner.createTopic(TestClients.unique("after-restart"), 1);
	}

	@Test
	void brokerExitsWhenTheJvmThatStartedItIsKilled(@TempDir Path otherWorkDir) throws Exception {
		Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BrokerParentProcess.class.getName(), otherWorkDir.toString())
			.redirectErrorStream(true)
			.start();
		long brokerPid = -1;
		try {
			brokerPid = readBrokerPid(parent);
			assertThat(isAlive(brokerPid)).isTrue();

			parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

			long pid = brokerPid;
			await().atMost(Duration.ofSeconds(20)).until(() -> !isAlive(pid));
		}
		finally {
			parent.destroyForcibly();
			ProcessHandle.of(brokerPid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void secondBrokerOnABusyWorkDirIsRefusedBeforeItTouchesAnything() throws Exception {
		String serverProperties = Files.readString(workDir.resolve("server.properties"));
		ScramKafkaBroker second = ScramKafkaBroker.builder().workDir(workDir).build();

		assertThatIllegalStateException().isThrownBy(second::start)
			.withMessageContaining("is in use by another Kafka broker (pid " + broker.pid() + ")");

		assertThat(workDir.resolve("server.properties")).hasContent(serverProperties);
		assertThat(broker.isRunning()).isTrue();
		second.close();
	}

	@Test
	void brokerJvmThatExitsDuringStartUpIsReportedWithItsLog(@TempDir Path otherWorkDir) {
		ScramKafkaBroker doomed = ScramKafkaBroker.builder().workDir(otherWorkDir).heap("1k").build();

		assertThatIllegalStateException().isThrownBy(doomed::start)
			.withMessageContaining("exited with code 1 during start-up")
			.withMessageContaining("first error: Error occurred during initialization of VM")
			.withMessageContaining("Too small maximum heap");

		assertThat(doomed.isRunning()).isFalse();
		assertThat(isAlive(doomed.pid())).isFalse();
		doomed.close();
	}

	@Test
	@Order(Integer.MAX_VALUE) // last, so that no other test pays for a restart
	void stoppedBrokerLeavesNoProcess() {
		long pid = broker.pid();
		assertThat(isAlive(pid)).isTrue();

		broker.stop();

		assertThat(isAlive(pid)).isFalse();
		assertThat(broker.isRunning()).isFalse();
	}

	private static String consumeOne(String user, String topic, String group) {
		try (KafkaConsumer<String, String> consumer = TestClients.consumer(broker.clientProperties(user, "pw"),
				group)) {
			consumer.subscribe(List.of(topic));
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				return !values.isEmpty();
			});
			assertThat(values).hasSize(1);
			return values.get(0);
		}
	}

	private static long readBrokerPid(Process parent) throws Exception {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
		List<String> output = new ArrayList<>();
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith(BrokerParentProcess.PID_PREFIX)) {
				return Long.parseLong(line.substring(BrokerParentProcess.PID_PREFIX.length()));
			}
			output.add(line);
		}
		throw new AssertionError("The parent JVM exited without starting a broker: " + output);
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
