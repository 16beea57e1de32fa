package io.kafkademo.app.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.security.ScramCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Secrets Manager credentials provider with the real AWS SDK client, configured with this service's call
 * timeouts, against the AWS protocol stub: caching, re-reading after a rejection, rate limiting, SDK retries, and
 * failures at run time. Time is a {@link MutableClock}, so nothing waits.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsManagerScramCredentialsTests {

	private static final String SECRET_ID = "AmazonMSK_kafka-demo-unit";

	private static final Duration REFRESH = Duration.ofMinutes(5);

	private static AwsStub aws;

	private final MutableClock clock = new MutableClock();

	private SecretsManagerClient client;

	@BeforeAll
	static void startStub() {
		aws = AwsStub.start();
	}

	@AfterAll
	static void stopStub() {
		aws.close();
	}

	@BeforeEach
	void createClient() {
		aws.reset();
		this.client = SecretsManagerClient.builder()
			.endpointOverride(URI.create(aws.url()))
			.region(Region.of(AwsStub.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsStub.ACCESS_KEY, "kafka-demo-test-secret-access-key")))
			.applyMutation(AwsCallTimeouts::apply)
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void readsTheSecretWithOneSignedGetSecretValueForExactlyThatSecret() {
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1");
		SecretsManagerScramCredentials credentials = provider();
		assertThat(credentials.current()).isEqualTo(new ScramCredentials("svc-a", "pw-1"));
		List<LoggedRequest> requests = aws.requests(AwsStub.GET_SECRET_VALUE);
		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.getBodyAsString()).isEqualTo("{\"SecretId\":\"" + SECRET_ID + "\"}");
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.1");
			AwsStub.assertSigV4(request, "secretsmanager");
		});
	}

	@Test
	void keepsTheSecretForTheRefreshIntervalThenReadsItAgain() {
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1");
		SecretsManagerScramCredentials credentials = provider();
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-2"), "v2");
		this.clock.advance(REFRESH.minusSeconds(1));
		assertThat(credentials.current().password()).isEqualTo("pw-1");
		assertThat(credentials.current().password()).isEqualTo("pw-1");
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(credentials.current().password()).isEqualTo("pw-2");
		assertThat(credentials.current().password()).isEqualTo("pw-2");
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).hasSize(2);
	}

	@Test
	void readsAgainAtOnceWhenTheBrokerRejectsTheCredentials(CapturedOutput output) {
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1");
		SecretsManagerScramCredentials credentials = provider();
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-2"), "v2");
		this.clock.advance(SecretsManagerScramCredentials.MIN_TIME_BETWEEN_READS);
		credentials.authenticationFailed();
		assertThat(credentials.current().password()).isEqualTo("pw-2");
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).hasSize(2);
		// Console logging may be asynchronous (once a Spring context in this JVM has configured it).
		await().untilAsserted(() -> assertThat(output.getOut()).contains("SCRAM credentials changed: read Secrets "
				+ "Manager secret " + SECRET_ID + " again because the broker rejected them; now version v2 for user svc-a"));
		assertThat(output.getAll()).doesNotContain("pw-1").doesNotContain("pw-2");
	}

	@Test
	void readsAtMostOnceEveryFewSecondsHoweverOftenRejectionsAreReported() {
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1");
		SecretsManagerScramCredentials credentials = provider();
		for (int i = 0; i < 10; i++) {
			credentials.authenticationFailed();
		}
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).as("right after the start-up read").hasSize(1);
		this.clock.advance(SecretsManagerScramCredentials.MIN_TIME_BETWEEN_READS);
		for (int i = 0; i < 10; i++) {
			credentials.authenticationFailed();
			this.clock.advance(Duration.ofMillis(400));
		}
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).as("one read for ten rejections within 4 s").hasSize(2);
	}

	@Test
	void keepsTheLastGoodCredentialsWhenAReadFailsAtRunTime(CapturedOutput output) {
		aws.secret(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1");
		SecretsManagerScramCredentials credentials = provider();
		aws.secret(SECRET_ID, "{\"username\": \"svc-a\", \"pasword\": \"typo-value-never-logged\"}", "v2");
		this.clock.advance(SecretsManagerScramCredentials.MIN_TIME_BETWEEN_READS);
		credentials.authenticationFailed();
		assertThat(credentials.current().password()).isEqualTo("pw-1");
		await().untilAsserted(() -> assertThat(output.getOut())
			.contains("Could not read the SCRAM credentials again (the broker rejected them): MSK_SECRET_ID: Secrets "
					+ "Manager secret \"" + SECRET_ID + "\" has no \"password\" key; still using version v1, next try "
					+ "in at least 5s"));
		assertThat(output.getAll()).doesNotContain("typo-value-never-logged").doesNotContain("pw-1");
	}

	@Test
	void retriesThrottlingAndServerErrorsWithTheSdkBackOff() {
		aws.secretAfterErrors(SECRET_ID, AwsStub.scramSecret("svc-a", "pw-1"), "v1",
				List.of(AwsStub.error(400, "ThrottlingException", "Rate exceeded"),
						AwsStub.error(500, "InternalServiceError", "An error occurred on the server side.")));
		SecretsManagerScramCredentials credentials = provider();
		assertThat(credentials.current().password()).isEqualTo("pw-1");
		assertThat(aws.requests(AwsStub.GET_SECRET_VALUE)).hasSize(3);
	}

	@Test
	void aHungEndpointFailsWithinTheCallTimeout() {
		aws.secretHangs(SECRET_ID, 60_000);
		long start = System.nanoTime();
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(this::provider)
			.withMessageStartingWith("MSK_SECRET_ID: Secrets Manager secret \"" + SECRET_ID
					+ "\" could not be read: ApiCallTimeoutException: ");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		System.out.println("hung Secrets Manager endpoint: the read gave up after " + elapsed.toMillis() + " ms ("
				+ aws.requests(AwsStub.GET_SECRET_VALUE).size() + " attempts)");
		assertThat(elapsed).isGreaterThanOrEqualTo(AwsCallTimeouts.CALL.minusMillis(100))
			.isLessThan(AwsCallTimeouts.CALL.plusSeconds(5));
	}

	private SecretsManagerScramCredentials provider() {
		return new SecretsManagerScramCredentials(new ScramSecretReader(this.client, SECRET_ID), REFRESH, this.clock);
	}

}
