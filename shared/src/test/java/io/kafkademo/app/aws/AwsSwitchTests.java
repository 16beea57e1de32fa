package io.kafkademo.app.aws;

import java.time.Duration;
import java.util.Map;

import io.kafkademo.app.security.ScramCredentialsProvider;
import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code MSK_SECRET_ID} and {@code MSK_BROKERS_PARAMETER} each switch on exactly one AWS source, with its
 * service-specific endpoint override; without them no AWS client exists and no AWS call is made, even with no region
 * configured (where a client would fail start-up).
 */
class AwsSwitchTests {

	private static final String DEAD_ENDPOINT = "http://127.0.0.1:9";

	private static AwsStub aws;

	private static Topology topology;

	@BeforeAll
	static void startStub() {
		aws = AwsStub.start();
		topology = TestKafka.provision("awsswitch");
	}

	@AfterAll
	static void stopStub() {
		aws.close();
	}

	@BeforeEach
	void resetStub() {
		aws.reset();
	}

	@Test
	void withoutTheMskVariablesNoAwsClientIsBuiltAndNoCallIsMade() {
		Map<String, String> env = topology.serviceA("no-aws-a");
		// An endpoint every AWS call would reach, but no region: building a client would fail start-up.
		env.put("AWS_ENDPOINT_URL", aws.url());
		long start = System.nanoTime();
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			System.out.println("start-up without AWS: " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
			assertThat(service.context().getBeanNamesForType(SecretsManagerClient.class)).isEmpty();
			assertThat(service.context().getBeanNamesForType(SsmClient.class)).isEmpty();
			assertThat(service.context().getBean(ScramCredentialsProvider.class))
				.isNotInstanceOf(SecretsManagerScramCredentials.class);
			awaitReady(service);
		}
		assertThat(aws.allRequests()).isEmpty();
	}

	@Test
	void theSecretAloneSwitchesOnSecretsManagerAtItsOwnEndpoint() {
		String secret = "AmazonMSK_" + topology.userA();
		aws.secret(secret, AwsStub.scramSecret(topology.userA(), topology.passwordA()), "v1");
		Map<String, String> env = topology.serviceA("secret-only-a");
		env.remove("KAFKA_SASL_USERNAME");
		env.remove("KAFKA_SASL_PASSWORD");
		env.putAll(AwsStub.staticCredentials());
		env.put("AWS_REGION", AwsStub.REGION);
		env.put("AWS_ENDPOINT_URL", DEAD_ENDPOINT);
		env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.url());
		env.put("MSK_SECRET_ID", secret);
		long start = System.nanoTime();
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			System.out.println("start-up with Secrets Manager: " + Duration.ofNanos(System.nanoTime() - start).toMillis()
					+ " ms");
			assertThat(service.context().getBeanNamesForType(SecretsManagerClient.class)).hasSize(1);
			assertThat(service.context().getBeanNamesForType(SsmClient.class)).isEmpty();
			awaitReady(service);
		}
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).hasSize(1);
		assertThat(aws.allRequests()).hasSize(1);
	}

	@Test
	void theParameterAloneSwitchesOnParameterStoreAtItsOwnEndpoint() {
		String parameter = "/msk/scram/" + topology.userA() + "/brokers";
		aws.parameter(parameter, TestKafka.broker().bootstrapServers());
		Map<String, String> env = topology.serviceA("parameter-only-a");
		env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
		env.putAll(AwsStub.staticCredentials());
		env.put("AWS_REGION", AwsStub.REGION);
		env.put("AWS_ENDPOINT_URL", DEAD_ENDPOINT);
		env.put("AWS_ENDPOINT_URL_SSM", aws.url());
		env.put("MSK_BROKERS_PARAMETER", parameter);
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			assertThat(service.context().getBeanNamesForType(SsmClient.class)).hasSize(1);
			assertThat(service.context().getBeanNamesForType(SecretsManagerClient.class)).isEmpty();
			assertThat(service.context().getBean(ScramCredentialsProvider.class))
				.isNotInstanceOf(SecretsManagerScramCredentials.class);
			awaitReady(service);
		}
		assertThat(aws.requests(AwsStub.GET_PARAMETER)).hasSize(1);
		assertThat(aws.allRequests()).hasSize(1);
	}

	private static void awaitReady(RunningService service) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(service.readiness()).isEqualTo(200));
	}

}
