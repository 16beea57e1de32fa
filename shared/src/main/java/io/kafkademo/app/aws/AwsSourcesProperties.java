package io.kafkademo.app.aws;

import java.time.Duration;
import java.util.regex.Pattern;

import io.kafkademo.app.config.InvalidSettingException;
import io.kafkademo.app.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the Kafka connection settings come from on AWS: {@code MSK_SECRET_ID}, {@code MSK_BROKERS_PARAMETER},
 * {@code MSK_SECRET_REFRESH} and {@code AWS_REGION}. Without the first two, nothing is read from AWS.
 */
@ConfigurationProperties("demo.aws")
public class AwsSourcesProperties {

	// A secret's name (letters, digits, /_+=.@-) or its ARN (which adds ':').
	private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9/_+=.@:-]{1,2048}");

	// A parameter's name (letters, digits, _.-/) or its ARN (which adds ':').
	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_./:-]{1,2048}");

	private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

	private final String secretId;

	private final String brokersParameter;

	private final Duration secretRefresh;

	private final String region;

	public AwsSourcesProperties(String secretId, String brokersParameter, String secretRefresh, String region) {
		this.secretId = matching("MSK_SECRET_ID", secretId, SECRET_ID, "a Secrets Manager secret name or ARN");
		this.brokersParameter = matching("MSK_BROKERS_PARAMETER", brokersParameter, PARAMETER_NAME,
				"an SSM parameter name or ARN");
		this.secretRefresh = Settings.duration("MSK_SECRET_REFRESH", secretRefresh);
		if (this.secretRefresh.isZero()) {
			throw new InvalidSettingException("MSK_SECRET_REFRESH", "must be longer than 0");
		}
		this.region = matching("AWS_REGION", region, REGION, "an AWS region such as eu-west-1");
		// The SDK could also look the region up in a profile or the EC2 metadata service, but that is slow and, off
		// EC2, fails with an obscure message; on EKS the IRSA webhook sets AWS_REGION anyway.
		if (this.region == null && (this.secretId != null || this.brokersParameter != null)) {
			throw new InvalidSettingException("AWS_REGION", "must be set when MSK_SECRET_ID or MSK_BROKERS_PARAMETER is set");
		}
	}

	private static String matching(String variable, String value, Pattern pattern, String expected) {
		String text = Settings.optional(value);
		if (text != null && !pattern.matcher(text).matches()) {
			throw new InvalidSettingException(variable, Settings.quote(text) + " is not " + expected);
		}
		return text;
	}

	/** {@code MSK_SECRET_ID}: the secret holding the SCRAM username and password, or {@code null}. */
	public String secretId() {
		return this.secretId;
	}

	/** {@code MSK_BROKERS_PARAMETER}: the parameter holding the bootstrap brokers, or {@code null}. */
	public String brokersParameter() {
		return this.brokersParameter;
	}

	/** {@code MSK_SECRET_REFRESH}: how long the secret is used before it is read again (default 5 minutes). */
	public Duration secretRefresh() {
		return this.secretRefresh;
	}

	/** {@code AWS_REGION}, or {@code null}. */
	public String region() {
		return this.region;
	}

}
