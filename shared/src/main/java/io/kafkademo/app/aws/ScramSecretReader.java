package io.kafkademo.app.aws;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.config.Settings;
import io.kafkademo.app.security.ScramCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the SCRAM username and password from a Secrets Manager secret holding
 * {@code {"username": "...", "password": "..."}}, as Amazon MSK's SCRAM secrets do. Every problem becomes one line
 * naming the secret; the secret's text is never part of it (JSON parser messages quote it, so they are dropped).
 */
class ScramSecretReader {

	static final String VARIABLE = "MSK_SECRET_ID";

	private final SecretsManagerClient client;

	private final String secretId;

	ScramSecretReader(SecretsManagerClient client, String secretId) {
		this.client = client;
		this.secretId = secretId;
	}

	/** The secret id as configured. */
	String secretId() {
		return this.secretId;
	}

	/** Reads the current version of the secret, or throws an {@link InvalidSettingException} saying what is wrong. */
	ScramSecret read() {
		GetSecretValueResponse response;
		try {
			response = this.client.getSecretValue((request) -> request.secretId(this.secretId));
		}
		catch (SdkException ex) {
			throw invalid("could not be read: " + AwsFailures.describe(ex));
		}
		String text = response.secretString();
		if (text == null) {
			throw invalid("holds binary data, not the JSON text {\"username\": ..., \"password\": ...}");
		}
		JsonNode json;
		try {
			json = JsonMapper.shared().readTree(text);
		}
		catch (JacksonException ex) {
			throw invalid("is not valid JSON (expected {\"username\": ..., \"password\": ...})");
		}
		if (json == null || !json.isObject()) {
			throw invalid("is not a JSON object (expected {\"username\": ..., \"password\": ...})");
		}
		ScramCredentials credentials = new ScramCredentials(field(json, "username"), field(json, "password"));
		return new ScramSecret(credentials, response.versionId());
	}

	private String field(JsonNode json, String key) {
		JsonNode value = json.get(key);
		if (value == null || value.isNull()) {
			throw invalid("has no \"" + key + "\" key");
		}
		if (!value.isString() || value.stringValue().isEmpty()) {
			throw invalid("has a \"" + key + "\" that is not a non-empty string");
		}
		return value.stringValue();
	}

	private InvalidSettingException invalid(String problem) {
		return new InvalidSettingException(VARIABLE, "Secrets Manager secret " + Settings.quote(this.secretId) + " "
				+ problem);
	}

}
