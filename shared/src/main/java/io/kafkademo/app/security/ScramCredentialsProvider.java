package io.kafkademo.app.security;

/**
 * The source of the SCRAM credentials, asked on every SASL handshake so that a rotated password is used by the next
 * connection without restarting the service.
 */
public interface ScramCredentialsProvider {

	/** The credentials to authenticate with now. */
	ScramCredentials current();

	/** Called when the broker rejected the credentials: a provider backed by a secret store re-reads it. */
	default void authenticationFailed() {
	}

}
