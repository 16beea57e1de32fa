package io.kafkademo.app.messaging;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.kafka.KafkaException;

/** Describes a Kafka failure in one line: the root cause's type and message, never a stack trace. */
public final class KafkaFailures {

	private KafkaFailures() {
	}

	/** The innermost meaningful cause, unwrapped from Spring and future wrappers. */
	public static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException
				|| cause instanceof KafkaException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/** {@code SimpleName: message} of the root cause. */
	public static String describe(Throwable failure) {
		Throwable cause = rootCause(failure);
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message.strip() : "");
	}

}
