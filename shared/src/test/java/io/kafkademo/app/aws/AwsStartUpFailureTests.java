package io.kafkademo.app.aws;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkademo.app.KafkaDemoApplication;
import io.kafkademo.app.support.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Each way reading the secret or the brokers parameter can fail stops start-up with one line that names the secret
 * or parameter and the reason, never the secret's value, and no stack trace; throttling and server errors are
 * retried instead. The AWS calls go through the real SDK clients that spring-cloud-aws builds, to the AWS protocol
 * stub.
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsStartUpFailureTests {

	private static final String SECRET = "AmazonMSK_kafka-demo-failures";

	private static final String PARAMETER = "/msk/scram/brokers";

	/** A password that must never appear in any output. */
	private static final String SECRET_VALUE = "s3cr3t-Value-7f41";

	private static AwsStub aws;

	@BeforeAll
	static void startStub() {
		aws = AwsStub.start();
	}

	@AfterAll
	static void stopStub() {
		aws.close();
	}

	@BeforeEach
	void resetStub() {
		aws.reset();
	}

	static Stream<Case> failures() {
		String secret = "MSK_SECRET_ID: Secrets Manager secret \"" + SECRET + "\" ";
		String parameter = "MSK_BROKERS_PARAMETER: SSM parameter \"" + PARAMETER + "\" ";
		return Stream.of(
				Case.secret("secret not found",
						(stub) -> stub.secretFails(SECRET, 400, "ResourceNotFoundException",
								"Secrets Manager can't find the specified secret."),
						secret + "could not be read: ResourceNotFoundException: Secrets Manager can't find the "
								+ "specified secret. (HTTP 400)"),
				Case.secret("access denied",
						(stub) -> stub.secretFails(SECRET, 400, "AccessDeniedException",
								"User: arn:aws:sts::123456789012:assumed-role/kafka-demo/pod is not authorized to "
										+ "perform: secretsmanager:GetSecretValue on resource: " + SECRET),
						secret + "could not be read: AccessDeniedException: User: arn:aws:sts::123456789012:"
								+ "assumed-role/kafka-demo/pod is not authorized to perform: "
								+ "secretsmanager:GetSecretValue on resource: " + SECRET + " (HTTP 400)"),
				Case.secret("KMS decrypt denied",
						(stub) -> stub.secretFails(SECRET, 400, "AccessDeniedException", "Access to KMS is not allowed"),
						secret + "could not be read: AccessDeniedException: Access to KMS is not allowed (HTTP 400)"),
				Case.secret("KMS key unusable",
						(stub) -> stub.secretFails(SECRET, 400, "DecryptionFailure",
								"Secrets Manager can't decrypt the protected secret text using the provided KMS key."),
						secret + "could not be read: DecryptionFailure: Secrets Manager can't decrypt the protected "
								+ "secret text using the provided KMS key. (HTTP 400)"),
				Case.secret("secret is not JSON",
						(stub) -> stub.secret(SECRET, "username=svc-a password=" + SECRET_VALUE, "v1"),
						secret + "is not valid JSON (expected {\"username\": ..., \"password\": ...})"),
				Case.secret("secret is a JSON string",
						(stub) -> stub.secret(SECRET, "\"" + SECRET_VALUE + "\"", "v1"),
						secret + "is not a JSON object (expected {\"username\": ..., \"password\": ...})"),
				Case.secret("secret without password",
						(stub) -> stub.secret(SECRET, "{\"username\": \"svc-a\", \"pass\": \"" + SECRET_VALUE + "\"}",
								"v1"),
						secret + "has no \"password\" key"),
				Case.secret("secret without username",
						(stub) -> stub.secret(SECRET, "{\"password\": \"" + SECRET_VALUE + "\"}", "v1"),
						secret + "has no \"username\" key"),
				Case.secret("secret with an empty password",
						(stub) -> stub.secret(SECRET, AwsStub.scramSecret("svc-a", ""), "v1"),
						secret + "has a \"password\" that is not a non-empty string"),
				Case.secret("binary secret", (stub) -> stub.binarySecret(SECRET),
						secret + "holds binary data, not the JSON text {\"username\": ..., \"password\": ...}"),
				Case.parameter("parameter not found",
						(stub) -> stub.parameterFails(PARAMETER, 400, "ParameterNotFound", ""),
						parameter + "could not be read: ParameterNotFound (HTTP 400)"),
				Case.parameter("parameter access denied",
						(stub) -> stub.parameterFails(PARAMETER, 400, "AccessDeniedException",
								"User: arn:aws:sts::123456789012:assumed-role/kafka-demo/pod is not authorized to "
										+ "perform: ssm:GetParameter on resource: arn:aws:ssm:eu-west-1:123456789012:"
										+ "parameter/msk/scram/brokers"),
						parameter + "could not be read: AccessDeniedException: User: arn:aws:sts::123456789012:"
								+ "assumed-role/kafka-demo/pod is not authorized to perform: ssm:GetParameter on "
								+ "resource: arn:aws:ssm:eu-west-1:123456789012:parameter/msk/scram/brokers (HTTP 400)"),
				Case.parameter("parameter empty", (stub) -> stub.parameter(PARAMETER, " "),
						parameter + "is empty (expected a comma-separated host:port list)"),
				Case.parameter("parameter malformed",
						(stub) -> stub.parameter(PARAMETER, "b-1.msk.example:9096,b-2.msk.example"),
						parameter + "holds \"b-2.msk.example\", which is not a host:port pair (expected a "
								+ "comma-separated host:port list)"),
				Case.parameter("parameter with a bad port",
						(stub) -> stub.parameter(PARAMETER, "b-1.msk.example:90960"),
						parameter + "holds \"b-1.msk.example:90960\", which is not a host:port pair (expected a "
								+ "comma-separated host:port list)"),
				Case.setting("no region", Map.of("MSK_SECRET_ID", SECRET, "AWS_REGION", ""),
						"AWS_REGION: must be set when MSK_SECRET_ID or MSK_BROKERS_PARAMETER is set"),
				Case.setting("malformed secret id", Map.of("MSK_SECRET_ID", "my secret"),
						"MSK_SECRET_ID: \"my secret\" is not a Secrets Manager secret name or ARN"),
				Case.setting("malformed parameter name", Map.of("MSK_BROKERS_PARAMETER", "msk brokers"),
						"MSK_BROKERS_PARAMETER: \"msk brokers\" is not an SSM parameter name or ARN"),
				Case.setting("malformed refresh interval", Map.of("MSK_SECRET_ID", SECRET, "MSK_SECRET_REFRESH", "soon"),
						"MSK_SECRET_REFRESH: \"soon\" is not a number of seconds or a duration"),
				Case.setting("zero refresh interval", Map.of("MSK_SECRET_ID", SECRET, "MSK_SECRET_REFRESH", "0"),
						"MSK_SECRET_REFRESH: must be longer than 0"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void startUpFailsWithOneLineNamingTheSecretOrParameter(Case failure, CapturedOutput output) {
		failure.stub().accept(aws);
		Map<String, String> env = environment();
		env.putAll(failure.environment());
		SpringApplication application = new SpringApplication(KafkaDemoApplication.class);
		assertThatException().isThrownBy(() -> application.run(RunningService.arguments("kafka-demo-service-a", env)));

		// Console logging may be asynchronous: wait for the line rather than expect it at once.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("Start-up failed: " + failure.message()));
		assertThat(output.getOut().lines().filter((line) -> line.contains(" ERROR ")))
			.singleElement()
			.asString()
			.endsWith("Start-up failed: " + failure.message());
		assertThat(output.getAll()).doesNotContain("\tat ")
			.doesNotContain("APPLICATION FAILED TO START")
			.doesNotContain(SECRET_VALUE);
		if (failure.target() != null) {
			List<LoggedRequest> calls = aws.requests(failure.target());
			assertThat(calls).as("AWS calls").isNotEmpty();
			assertThat(aws.allRequests()).hasSameSizeAs(calls);
		}
		else {
			assertThat(aws.allRequests()).as("no AWS call for a malformed setting").isEmpty();
		}
	}

	@Test
	void throttlingAndServerErrorsFromParameterStoreAreRetriedWithTheSdkBackOff() {
		// Resolvable, so the Kafka clients can be built; nothing listens there, which start-up does not need.
		aws.parameterAfterErrors(PARAMETER, "127.0.0.1:9,localhost:9",
				List.of(AwsStub.error(400, "ThrottlingException", "Rate exceeded"),
						AwsStub.error(500, "InternalServerError", "An error occurred on the server side.")));
		Map<String, String> env = environment();
		env.put("MSK_BROKERS_PARAMETER", PARAMETER);
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			assertThat(service.context().getBean(KafkaConnectionDetails.class).getBootstrapServers())
				.containsExactly("127.0.0.1:9", "localhost:9");
		}
		List<LoggedRequest> calls = aws.requests(AwsStub.GET_PARAMETER);
		assertThat(calls).hasSize(3);
		calls.forEach((call) -> AwsStub.assertSigV4(call, "ssm"));
	}

	private static Map<String, String> environment() {
		Map<String, String> env = new HashMap<>(aws.environment());
		env.put("TOPIC1", "foo-topic");
		env.put("TOPIC2", "bar-topic");
		env.put("GROUP", "consumer-group-A");
		env.put("HOSTNAME", "aws-failure-test");
		env.put("KAFKA_SASL_USERNAME", "svc-a");
		env.put("KAFKA_SASL_PASSWORD", "only-used-without-MSK_SECRET_ID");
		return env;
	}

	/** One failure: how the stub answers, the environment, the expected line and the AWS operation called. */
	record Case(String name, Consumer<AwsStub> stub, Map<String, String> environment, String message, String target) {

		static Case secret(String name, Consumer<AwsStub> stub, String message) {
			return new Case(name, stub, Map.of("MSK_SECRET_ID", SECRET), message, AwsStub.GET_SECRET_VALUE);
		}

		static Case parameter(String name, Consumer<AwsStub> stub, String message) {
			return new Case(name, stub, Map.of("MSK_BROKERS_PARAMETER", PARAMETER), message, AwsStub.GET_PARAMETER);
		}

		static Case setting(String name, Map<String, String> environment, String message) {
			return new Case(name, (stub) -> {
			}, environment, message, null);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
