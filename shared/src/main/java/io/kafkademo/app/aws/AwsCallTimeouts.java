package io.kafkademo.app.aws;

import java.time.Duration;

import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Bounds every AWS call this service makes. The SDK's defaults let a hung endpoint hold start-up for about two
 * minutes (4 attempts of a 30 s read timeout); with these a broken endpoint fails start-up within seconds, while the
 * SDK's retries with back-off for throttling and 5xx answers stay as they are.
 */
final class AwsCallTimeouts {

	/** One HTTP attempt; Secrets Manager and SSM answer in well under a second. */
	static final Duration ATTEMPT = Duration.ofSeconds(3);

	/** The whole call, retries and back-off included. */
	static final Duration CALL = Duration.ofSeconds(10);

	private AwsCallTimeouts() {
	}

	/** Adds the timeouts to the builder's override configuration, keeping what spring-cloud-aws put there. */
	static void apply(SdkClientBuilder<?, ?> builder) {
		ClientOverrideConfiguration current = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder bounded = (current != null) ? current.toBuilder()
				: ClientOverrideConfiguration.builder();
		builder.overrideConfiguration(bounded.apiCallAttemptTimeout(ATTEMPT).apiCallTimeout(CALL).build());
	}

}
