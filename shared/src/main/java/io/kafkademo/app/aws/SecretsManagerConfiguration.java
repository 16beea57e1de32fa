package io.kafkademo.app.aws;

import java.time.Clock;
import java.util.Map;

import io.awspring.cloud.autoconfigure.config.secretsmanager.SecretsManagerClientCustomizer;
import org.apache.kafka.clients.CommonClientConfigs;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code MSK_SECRET_ID} set: the SCRAM credentials come from Secrets Manager, through the client that
 * spring-cloud-aws builds (region, credentials chain including IRSA, endpoint overrides), instead of
 * {@code KAFKA_SASL_USERNAME}/{@code KAFKA_SASL_PASSWORD}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(AwsSourcesPostProcessor.SECRETS_MANAGER_ENABLED)
class SecretsManagerConfiguration {

	@Bean
	SecretsManagerClientCustomizer boundedSecretsManagerCalls() {
		return AwsCallTimeouts::apply;
	}

	// The properties come first so that a missing AWS_REGION is reported before the client fails to find one.
	@Bean
	SecretsManagerScramCredentials secretsManagerScramCredentials(AwsSourcesProperties aws,
			SecretsManagerClient secretsManager) {
		return new SecretsManagerScramCredentials(new ScramSecretReader(secretsManager, aws.secretId()),
				aws.secretRefresh(), Clock.systemUTC());
	}

	/**
	 * After a rotation every broker rejects the old password until the secret has been read again, so for a moment no
	 * broker is available. Kafka 4's default metadata recovery ({@code rebootstrap}) then drops the producer's topic
	 * metadata: {@code send()} waits for metadata and fails with the authentication error, and that message is lost.
	 * With {@code none} the producer keeps its metadata, queues the record and delivers it once the new credentials
	 * are accepted (within {@code delivery.timeout.ms}, 2 minutes). MSK's broker names stay stable, so nothing needs
	 * the bootstrap list again.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer producerKeepsMetadataThroughRotation() {
		return (factory) -> factory
			.updateConfigs(Map.of(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, "none"));
	}

}
