package io.kafkademo.app.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Describes a failed AWS call in one line: the service's error code and message, or the client-side cause. */
final class AwsFailures {

	private AwsFailures() {
	}

	/** {@code ErrorCode: message (HTTP status)} for an error the service returned, else {@code Type: message}. */
	static String describe(SdkException failure) {
		if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			AwsErrorDetails details = service.awsErrorDetails();
			String message = details.errorMessage();
			return details.errorCode() + ((message != null && !message.isBlank()) ? ": " + message.strip() : "")
					+ " (HTTP " + service.statusCode() + ")";
		}
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message.strip() : "");
	}

}
