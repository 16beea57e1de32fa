package io.kafkademo.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.schema.validator.ValidationMessage;
import io.fabric8.kubernetes.schema.validator.Validator;

/**
 * Validates rendered objects against the Kubernetes and prometheus-operator OpenAPI schemas bundled with fabric8's
 * validator: unknown fields, missing required fields, wrong types.
 */
final class KubernetesSchema {

	/**
	 * The bundled schema types IntOrString as string only, so it reports a valid integer there (maxSurge: 1, a
	 * NetworkPolicy port: 9096). Exactly this message on exactly that schema is ignored; anything else is an error.
	 */
	private static final String INT_OR_STRING_SCHEMA = "/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString";

	private static final String INTEGER_NOT_STRING = "Instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])";

	private final Validator validator = Validator.newInstance();

	/** The schema violations of one object, one line each; empty when it is valid. */
	List<String> violations(Map<String, Object> object) {
		try {
			return this.validator.validate(KafkaDemoChart.toYaml(object))
				.getMessages()
				.stream()
				.filter((message) -> message.getLevel() == ValidationMessage.Level.ERROR)
				.filter((message) -> !isIntegerInIntOrString(message))
				.map((message) -> message.getSchema() + ": " + message.getMessage())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isIntegerInIntOrString(ValidationMessage message) {
		return INT_OR_STRING_SCHEMA.equals(message.getSchema()) && message.getMessage().endsWith("] " + INTEGER_NOT_STRING);
	}

}
