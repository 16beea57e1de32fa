package io.kafkademo.app.aws;

import java.util.List;

import io.awspring.cloud.autoconfigure.config.parameterstore.SsmClientCustomizer;
import io.kafkademo.app.security.KafkaConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.SsmClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code MSK_BROKERS_PARAMETER} set: the bootstrap brokers come from that SSM parameter, read once at start-up
 * (clients learn the rest of the cluster from the brokers), instead of {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(AwsSourcesPostProcessor.PARAMETER_STORE_ENABLED)
class ParameterStoreConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ParameterStoreConfiguration.class);

	@Bean
	SsmClientCustomizer boundedSsmCalls() {
		return AwsCallTimeouts::apply;
	}

	// The properties come first so that a missing AWS_REGION is reported before the client fails to find one.
	@Bean
	KafkaConnectionDetails parameterStoreKafkaConnectionDetails(AwsSourcesProperties aws,
			KafkaConnectionProperties connection, SsmClient ssm) {
		List<String> brokers = new BrokersParameterReader(ssm, aws.brokersParameter()).read();
		logger.info("bootstrap brokers from SSM parameter {}: {}", aws.brokersParameter(), String.join(",", brokers));
		String protocol = connection.securityProtocol().name();
		return new KafkaConnectionDetails() {

			@Override
			public List<String> getBootstrapServers() {
				return brokers;
			}

			@Override
			public String getSecurityProtocol() {
				return protocol;
			}

		};
	}

}
