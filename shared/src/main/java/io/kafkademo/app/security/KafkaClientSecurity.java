package io.kafkademo.app.security;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * The plain Kafka client properties for SASL_SSL with SCRAM-SHA-512, applied identically to the producer, the consumer
 * and the admin client.
 */
public class KafkaClientSecurity {

	static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule required;";

	private final Map<String, Object> properties;

	KafkaClientSecurity(KafkaConnectionProperties connection, ScramCredentialsProvider credentials) {
		Map<String, Object> map = new HashMap<>();
		// A broker that is down should cost one reconnect attempt every few seconds, not a log line every second.
		map.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
		if (connection.securityProtocol() == KafkaConnectionProperties.Protocol.SASL_SSL) {
			map.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
			// The login module only declares the mechanism; the credentials come from the callback handler.
			map.put(SaslConfigs.SASL_JAAS_CONFIG, SCRAM_LOGIN_MODULE);
			map.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, ScramCredentialsCallbackHandler.class);
			map.put(ScramCredentialsCallbackHandler.PROVIDER_CONFIG, credentials);
			// Kafka's default, stated so nobody "fixes" a certificate problem by switching it off.
			map.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
			if (connection.truststoreLocation() != null) {
				map.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, connection.truststoreLocation().toString());
				if (connection.truststorePassword() != null) {
					map.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, connection.truststorePassword());
				}
				if (connection.truststoreType() != null) {
					map.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, connection.truststoreType());
				}
			}
		}
		this.properties = Map.copyOf(map);
	}

	/** The properties to add to a Kafka client's configuration. */
	public Map<String, Object> properties() {
		return this.properties;
	}

}
