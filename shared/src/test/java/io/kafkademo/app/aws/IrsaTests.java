package io.kafkademo.app.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * IRSA on EKS: the pod gets {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE}, and the SDK's STS module
 * exchanges the projected token for temporary credentials that sign the Secrets Manager call. The SDK reads both
 * variables, and the STS endpoint override, also as the system properties {@code aws.roleArn},
 * {@code aws.webIdentityTokenFile} and {@code aws.endpointUrlSts}, which a test can set.
 */
class IrsaTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/kafka-demo-app";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.kafka-demo-projected-token.c2lnbmF0dXJl";

	private static final String TEMPORARY_KEY = "ASIAKAFKADEMOIRSA";

	private static final String SESSION_TOKEN = "kafka-demo-irsa-session-token";

	private static final Map<String, String> SYSTEM_PROPERTIES = new HashMap<>();

	private AwsStub aws;

	@BeforeEach
	void pretendToBeAnIrsaPod(@TempDir Path tokenDir) throws IOException {
		this.aws = AwsStub.start();
		Path token = Files.writeString(tokenDir.resolve("token"), TOKEN);
		SYSTEM_PROPERTIES.put("aws.roleArn", ROLE_ARN);
		SYSTEM_PROPERTIES.put("aws.webIdentityTokenFile", token.toString());
		SYSTEM_PROPERTIES.put("aws.roleSessionName", "kafka-demo-test");
		SYSTEM_PROPERTIES.put("aws.endpointUrlSts", this.aws.url());
		SYSTEM_PROPERTIES.forEach(System::setProperty);
	}

	@AfterEach
	void forgetIt() {
		SYSTEM_PROPERTIES.keySet().forEach(System::clearProperty);
		this.aws.close();
	}

	@Test
	void webIdentityTokenIsExchangedForCredentialsThatSignTheSecretsManagerCall() {
		Topology topology = TestKafka.provision("irsa");
		String secret = "AmazonMSK_" + topology.userA();
		this.aws.assumeRoleWithWebIdentity(TEMPORARY_KEY, "kafka-demo-irsa-secret-key", SESSION_TOKEN);
		this.aws.secret(secret, AwsStub.scramSecret(topology.userA(), topology.passwordA()), "v1");
		Map<String, String> env = topology.serviceA("irsa-a");
		env.remove("KAFKA_SASL_USERNAME");
		env.remove("KAFKA_SASL_PASSWORD");
		env.put("AWS_REGION", AwsStub.REGION);
		env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", this.aws.url());
		env.put("MSK_SECRET_ID", secret);
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(service.readiness()).isEqualTo(200));
		}
		assertThat(this.aws.assumeRoleRequests()).singleElement().satisfies((request) -> {
			assertThat(request.getBodyAsString()).contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fkafka-demo-app")
				.contains("WebIdentityToken=" + TOKEN);
		});
		assertThat(this.aws.requests(AwsStub.GET_SECRET_VALUE)).singleElement().satisfies((request) -> {
			AwsStub.assertSigV4(request, "secretsmanager", TEMPORARY_KEY);
			assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
		});
	}

}
