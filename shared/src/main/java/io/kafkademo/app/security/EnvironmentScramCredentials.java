package io.kafkademo.app.security;

import io.kafkademo.app.config.InvalidSettingException;

/** Credentials fixed at start-up from {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD}. */
class EnvironmentScramCredentials implements ScramCredentialsProvider {

	private final ScramCredentials credentials;

	EnvironmentScramCredentials(KafkaConnectionProperties properties) {
		if (properties.saslUsername() == null) {
			throw new InvalidSettingException("KAFKA_SASL_USERNAME", "must be set when KAFKA_SECURITY_PROTOCOL is SASL_SSL");
		}
		if (properties.saslPassword() == null) {
			throw new InvalidSettingException("KAFKA_SASL_PASSWORD", "must be set when KAFKA_SECURITY_PROTOCOL is SASL_SSL");
		}
		this.credentials = new ScramCredentials(properties.saslUsername(), properties.saslPassword());
	}

	@Override
	public ScramCredentials current() {
		return this.credentials;
	}

}
