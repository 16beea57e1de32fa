package io.kafkademo.app.security;

import java.util.List;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;

/**
 * Kafka's client-side SASL callback handler for SCRAM that takes the credentials from a
 * {@link ScramCredentialsProvider} on each handshake. The password therefore never enters {@code sasl.jaas.config}
 * (no quoting rules to get wrong, nothing to leak in a config dump) and a rotated password needs no restart.
 * Kafka instantiates this class itself; the provider reaches it as an object value in the client configuration.
 */
public class ScramCredentialsCallbackHandler implements AuthenticateCallbackHandler {

	/** The client configuration key under which the {@link ScramCredentialsProvider} instance is passed. */
	public static final String PROVIDER_CONFIG = "kafka-demo.scram.credentials-provider";

	private ScramCredentialsProvider provider;

	@Override
	public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
		if (!(configs.get(PROVIDER_CONFIG) instanceof ScramCredentialsProvider configured)) {
			throw new ConfigException(PROVIDER_CONFIG + " must hold a " + ScramCredentialsProvider.class.getName());
		}
		this.provider = configured;
	}

	@Override
	public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
		ScramCredentials credentials = this.provider.current();
		for (Callback callback : callbacks) {
			if (callback instanceof NameCallback name) {
				name.setName(credentials.username());
			}
			else if (callback instanceof PasswordCallback password) {
				password.setPassword(credentials.password().toCharArray());
			}
			else if (!(callback instanceof ScramExtensionsCallback)) {
				throw new UnsupportedCallbackException(callback);
			}
		}
	}

	@Override
	public void close() {
	}

}
