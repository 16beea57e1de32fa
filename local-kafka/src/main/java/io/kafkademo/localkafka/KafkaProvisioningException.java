package io.kafkademo.localkafka;

/**
 * A provisioning request that the broker refused or did not complete in time; the cause is Kafka's error.
 */
public class KafkaProvisioningException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** A failure described by {@code message}, caused by {@code cause} (may be null). */
	public KafkaProvisioningException(String message, Throwable cause) {
		super(message, cause);
	}

}
