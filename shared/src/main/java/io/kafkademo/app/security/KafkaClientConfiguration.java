package io.kafkademo.app.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies the validated connection settings to Spring Boot's own Kafka client factories (so Boot's Micrometer
 * binding of the client metrics is kept) rather than building factories by hand.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(KafkaClientConfiguration.class);

	// Unless MSK_BROKERS_PARAMETER is set: then io.kafkademo.app.aws reads the brokers from SSM Parameter Store.
	@Bean
	@ConditionalOnBooleanProperty(name = "spring.cloud.aws.parameterstore.enabled", havingValue = false,
			matchIfMissing = true)
	KafkaConnectionDetails kafkaConnectionDetails(KafkaConnectionProperties connection) {
		if (connection.securityProtocol() == KafkaConnectionProperties.Protocol.PLAINTEXT) {
			logger.warn("KAFKA_SECURITY_PROTOCOL=PLAINTEXT: traffic is neither encrypted nor authenticated; "
					+ "use it for local development only");
		}
		return new KafkaConnectionDetails() {

			@Override
			public List<String> getBootstrapServers() {
				return connection.bootstrapServers();
			}

			@Override
			public String getSecurityProtocol() {
				return connection.securityProtocol().name();
			}

		};
	}

	// Unless MSK_SECRET_ID is set: then io.kafkademo.app.aws reads the credentials from Secrets Manager.
	@Bean
	@ConditionalOnBooleanProperty(name = "spring.cloud.aws.secretsmanager.enabled", havingValue = false,
			matchIfMissing = true)
	@ConditionalOnMissingBean(ScramCredentialsProvider.class)
	ScramCredentialsProvider environmentScramCredentials(KafkaConnectionProperties connection) {
		if (connection.securityProtocol() == KafkaConnectionProperties.Protocol.PLAINTEXT) {
			return () -> {
				throw new IllegalStateException("SCRAM credentials requested on a PLAINTEXT connection");
			};
		}
		return new EnvironmentScramCredentials(connection);
	}

	@Bean
	KafkaClientSecurity kafkaClientSecurity(KafkaConnectionProperties connection,
			ScramCredentialsProvider credentials) {
		return new KafkaClientSecurity(connection, credentials);
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer securedProducerFactory(KafkaClientSecurity security) {
		return (factory) -> factory.updateConfigs(security.properties());
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer securedConsumerFactory(KafkaClientSecurity security) {
		return (factory) -> factory.updateConfigs(security.properties());
	}

}
