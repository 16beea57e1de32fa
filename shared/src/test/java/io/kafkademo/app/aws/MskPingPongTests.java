package io.kafkademo.app.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkademo.app.security.ScramCredentialsProvider;
import io.kafkademo.app.support.RunningService;
import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localkafka.ScramKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Service A and Service B as they run on Amazon MSK: their SCRAM credentials from Secrets Manager and the bootstrap
 * brokers from Parameter Store (both the AWS protocol stub), against a real SCRAM broker; and a password rotation
 * while both run.
 * <p>
 * SCRAM authenticates a connection only when it opens, so a rotation shows only when clients log in again. This
 * class's own broker makes them re-authenticate every few seconds ({@code connections.max.reauth.ms}, KIP-368), which
 * exposes the rotation without taking the cluster down: restarting the only broker would also make every producer
 * lose its metadata, a full outage that a multi-broker MSK cluster does not have.
 */
@ExtendWith(OutputCaptureExtension.class)
class MskPingPongTests {

	private static final String BROKERS_PARAMETER = "/msk/scram/brokers";

	private static final Duration REAUTHENTICATION = Duration.ofSeconds(5);

	private static final String USER_A = "svc-a";

	private static final String USER_B = "svc-b";

	// Amazon MSK only accepts SCRAM secrets whose names start with AmazonMSK_.
	private static final String SECRET_A = "AmazonMSK_kafka-demo-service-a";

	private static final String SECRET_B = "AmazonMSK_kafka-demo-service-b";

	private static final String PASSWORD_A = "pw-a-" + UUID.randomUUID();

	private static final String PASSWORD_B = "pw-b-" + UUID.randomUUID();

	private static ScramKafkaBroker broker;

	private static AwsStub aws;

	private static RunningService serviceA;

	private static RunningService serviceB;

	@BeforeAll
	static void startBoth() throws IOException {
		broker = ScramKafkaBroker.builder()
			.workDir(Files.createTempDirectory("kafka-demo-reauth-broker"))
			.heap("256m")
			.brokerProperty("connections.max.reauth.ms", Long.toString(REAUTHENTICATION.toMillis()))
			.build()
			.start();
		provisioner().provisionDemo(USER_A, PASSWORD_A, USER_B, PASSWORD_B);
		aws = AwsStub.start();
		aws.secret(SECRET_A, AwsStub.scramSecret(USER_A, PASSWORD_A), "v1");
		aws.secret(SECRET_B, AwsStub.scramSecret(USER_B, PASSWORD_B), "v1");
		aws.parameter(BROKERS_PARAMETER, broker.bootstrapServers());
		long start = System.nanoTime();
		serviceA = RunningService.start("kafka-demo-service-a", onMsk(KafkaProvisioner.FOO_TOPIC,
				KafkaProvisioner.BAR_TOPIC, KafkaProvisioner.GROUP_A, "msk-a", SECRET_A));
		System.out.println("start-up with Secrets Manager and Parameter Store: "
				+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		serviceB = RunningService.start("kafka-demo-service-b", onMsk(KafkaProvisioner.BAR_TOPIC,
				KafkaProvisioner.FOO_TOPIC, KafkaProvisioner.GROUP_B, "msk-b", SECRET_B));
	}

	@AfterAll
	static void stopBoth() {
		if (serviceA != null) {
			serviceA.close();
		}
		if (serviceB != null) {
			serviceB.close();
		}
		if (aws != null) {
			aws.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	private static KafkaProvisioner provisioner() {
		return new KafkaProvisioner(broker.admin());
	}

	/**
	 * A pod's environment on MSK: no KAFKA_SASL_* at all, and bootstrap servers that lead nowhere. Only the truststore
	 * is local: the test broker's certificate is self-signed, where MSK's is trusted by the JVM's default CAs.
	 */
	private static Map<String, String> onMsk(String topic1, String topic2, String group, String host,
			String secretId) {
		Map<String, String> env = new HashMap<>(aws.environment());
		env.put("TOPIC1", topic1);
		env.put("TOPIC2", topic2);
		env.put("GROUP", group);
		env.put("HOSTNAME", host);
		env.put("MSG_FREQ", "250ms");
		env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
		env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", broker.truststore().toString());
		env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", broker.truststorePassword());
		env.put("KAFKA_SSL_TRUSTSTORE_TYPE", broker.truststoreType());
		env.put("MSK_SECRET_ID", secretId);
		env.put("MSK_BROKERS_PARAMETER", BROKERS_PARAMETER);
		return env;
	}

	@Test
	void credentialsAndBrokersComeOnlyFromSecretsManagerAndParameterStore(CapturedOutput output) {
		awaitPingPong(output, 0);
		assertThat(serviceA.context().getBean(ScramCredentialsProvider.class))
			.isInstanceOf(SecretsManagerScramCredentials.class);

		for (String secret : List.of(SECRET_A, SECRET_B)) {
			List<LoggedRequest> reads = aws.requests(AwsStub.GET_SECRET_VALUE)
				.stream()
				.filter((request) -> request.getBodyAsString().equals("{\"SecretId\":\"" + secret + "\"}"))
				.toList();
			assertThat(reads).as("GetSecretValue for " + secret).isNotEmpty();
			reads.forEach((request) -> AwsStub.assertSigV4(request, "secretsmanager"));
		}
		List<LoggedRequest> parameterReads = aws.requests(AwsStub.GET_PARAMETER);
		assertThat(parameterReads).as("one GetParameter per service, at start-up").hasSize(2).allSatisfy((request) -> {
			assertThat(request.getBodyAsString())
				.isEqualTo("{\"Name\":\"" + BROKERS_PARAMETER + "\",\"WithDecryption\":true}");
			AwsStub.assertSigV4(request, "ssm");
		});
		assertThat(aws.allRequests()).as("no other AWS call")
			.hasSize(aws.requests(AwsStub.GET_SECRET_VALUE).size() + parameterReads.size());
		assertThat(output.getAll()).doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B);
	}

	@Test
	void rotatedPasswordsAreUsedWithoutRestartAndNoMessageIsLost(CapturedOutput output) {
		awaitPingPong(output, 0);

		// A Secrets Manager rotation for MSK: the broker gets the new password and the secret a new version.
		String newPasswordA = "rotated-a-" + UUID.randomUUID();
		String newPasswordB = "rotated-b-" + UUID.randomUUID();
		int beforeRotation = output.getOut().length();
		long rotated = System.nanoTime();
		provisioner().createUser(USER_A, newPasswordA);
		provisioner().createUser(USER_B, newPasswordB);
		aws.secret(SECRET_A, AwsStub.scramSecret(USER_A, newPasswordA), "v2");
		aws.secret(SECRET_B, AwsStub.scramSecret(USER_B, newPasswordB), "v2");

		// The next login with the old password is rejected, and the rejection makes each service read its secret again.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getOut().substring(beforeRotation))
			.contains("SCRAM credentials changed: read Secrets Manager secret " + SECRET_A
					+ " again because the broker rejected them; now version v2")
			.contains("SCRAM credentials changed: read Secrets Manager secret " + SECRET_B
					+ " again because the broker rejected them; now version v2"));
		long reread = System.nanoTime();
		int afterReread = output.getOut().length();
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(serviceA.readiness()).isEqualTo(200);
			assertThat(serviceB.readiness()).isEqualTo(200);
			awaitedPingPong(output.getOut().substring(afterReread), 2);
		});
		long recovered = System.nanoTime();
		String duringSwitch = output.getOut().substring(beforeRotation);

		// Every message either service had sent by now arrives at the other: none lost in the switch.
		String everything = output.getOut();
		SortedSet<Long> sentByA = written(everything, KafkaProvisioner.FOO_TOPIC);
		SortedSet<Long> sentByB = written(everything, KafkaProvisioner.BAR_TOPIC);
		assertThat(sentByA).as("A's acknowledged sequence numbers, without gaps")
			.containsExactlyElementsOf(LongStream.rangeClosed(0, sentByA.last()).boxed().toList());
		assertThat(sentByB).as("B's acknowledged sequence numbers, without gaps")
			.containsExactlyElementsOf(LongStream.rangeClosed(0, sentByB.last()).boxed().toList());
		assertThat(everything).doesNotContain("failed to send message");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String now = output.getOut();
			assertThat(received(now, "msk-b", "msk-a")).containsAll(sentByA);
			assertThat(received(now, "msk-a", "msk-b")).containsAll(sentByB);
		});

		long producedDuring = written(duringSwitch, KafkaProvisioner.FOO_TOPIC).size()
				+ written(duringSwitch, KafkaProvisioner.BAR_TOPIC).size();
		long consumedDuring = received(duringSwitch, "msk-b", "msk-a").size()
				+ received(duringSwitch, "msk-a", "msk-b").size();
		System.out.printf("rotation: secrets read again %d ms after the rotation, both services ready and "
				+ "ping-ponging on the new passwords %d ms after the rotation; during it %d messages produced and %d "
				+ "consumed (both services); A sent %d and B sent %d messages in the run, all consumed, none lost%n",
				millis(reread - rotated), millis(recovered - rotated), producedDuring, consumedDuring, sentByA.size(),
				sentByB.size());
		assertThat(output.getAll()).doesNotContain(newPasswordA).doesNotContain(newPasswordB).doesNotContain(PASSWORD_A);
	}

	/** Waits until each service has received at least 3 of the other's messages after position {@code from}. */
	private static void awaitPingPong(CapturedOutput output, int from) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(serviceA.readiness()).isEqualTo(200);
			assertThat(serviceB.readiness()).isEqualTo(200);
			awaitedPingPong(output.getOut().substring(from), 3);
		});
	}

	private static void awaitedPingPong(String output, int messages) {
		assertThat(written(output, KafkaProvisioner.FOO_TOPIC)).hasSizeGreaterThanOrEqualTo(messages);
		assertThat(written(output, KafkaProvisioner.BAR_TOPIC)).hasSizeGreaterThanOrEqualTo(messages);
		assertThat(received(output, "msk-b", "msk-a")).hasSizeGreaterThanOrEqualTo(messages);
		assertThat(received(output, "msk-a", "msk-b")).hasSizeGreaterThanOrEqualTo(messages);
	}

	/** The sequence numbers whose send to {@code topic} the broker acknowledged. */
	private static SortedSet<Long> written(String output, String topic) {
		return numbers(output, "wrote message (\\d+) to " + Pattern.quote(topic) + " \\(partition");
	}

	/** The sequence numbers {@code host} received from {@code sender}. */
	private static SortedSet<Long> received(String output, String host, String sender) {
		return numbers(output, Pattern.quote(host) + " received message: This is message (\\d+) from host "
				+ Pattern.quote(sender) + "\\R");
	}

	private static SortedSet<Long> numbers(String output, String regex) {
		SortedSet<Long> numbers = new TreeSet<>();
		Matcher matcher = Pattern.compile(regex).matcher(output);
		while (matcher.find()) {
			numbers.add(Long.parseLong(matcher.group(1)));
		}
		return numbers;
	}

	private static long millis(long nanos) {
		return Duration.ofNanos(nanos).toMillis();
	}

}
