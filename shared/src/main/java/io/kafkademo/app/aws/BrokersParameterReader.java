package io.kafkademo.app.aws;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.config.Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;

/**
 * Reads the bootstrap brokers, a comma-separated {@code host:port} list, from one SSM parameter with
 * {@code GetParameter}, so the IAM policy can name that one parameter.
 */
class BrokersParameterReader {

	static final String VARIABLE = "MSK_BROKERS_PARAMETER";

	// The same rule as KAFKA_BOOTSTRAP_SERVERS: a host name, IPv4 address or bracketed IPv6 address, and a port.
	private static final Pattern HOST_PORT = Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.\\-_]+):(\\d{1,5})$");

	private final SsmClient client;

	private final String name;

	BrokersParameterReader(SsmClient client, String name) {
		this.client = client;
		this.name = name;
	}

	/** The brokers, or an {@link InvalidSettingException} naming the parameter and what is wrong. */
	List<String> read() {
		GetParameterResponse response;
		try {
			// WithDecryption makes a SecureString parameter work too; for a String parameter it changes nothing.
			response = this.client.getParameter((request) -> request.name(this.name).withDecryption(true));
		}
		catch (SdkException ex) {
			throw invalid("could not be read: " + AwsFailures.describe(ex));
		}
		String value = (response.parameter() != null) ? response.parameter().value() : null;
		if (value == null || value.isBlank()) {
			throw invalid("is empty (expected a comma-separated host:port list)");
		}
		List<String> brokers = Arrays.stream(value.split(",")).map(String::trim).toList();
		for (String broker : brokers) {
			Matcher matcher = HOST_PORT.matcher(broker);
			if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1
					|| Integer.parseInt(matcher.group(2)) > 65535) {
				throw invalid("holds " + Settings.quote(broker)
						+ ", which is not a host:port pair (expected a comma-separated host:port list)");
			}
		}
		return brokers;
	}

	private InvalidSettingException invalid(String problem) {
		return new InvalidSettingException(VARIABLE, "SSM parameter " + Settings.quote(this.name) + " " + problem);
	}

}
