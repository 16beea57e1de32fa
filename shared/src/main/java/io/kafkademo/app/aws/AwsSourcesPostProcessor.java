package io.kafkademo.app.aws;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Switches spring-cloud-aws's Secrets Manager and Parameter Store clients on exactly when {@code MSK_SECRET_ID} and
 * {@code MSK_BROKERS_PARAMETER} ask for them. Left on, the starters build both clients at every start-up: that costs
 * about a second and, without a region, fails start-up after asking the EC2 metadata service. These two properties
 * also choose between the AWS and the environment-variable sources of the Kafka credentials and brokers.
 */
class AwsSourcesPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** {@code true} exactly when {@code MSK_SECRET_ID} is set. */
	static final String SECRETS_MANAGER_ENABLED = "spring.cloud.aws.secretsmanager.enabled";

	/** {@code true} exactly when {@code MSK_BROKERS_PARAMETER} is set. */
	static final String PARAMETER_STORE_ENABLED = "spring.cloud.aws.parameterstore.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> switches = Map.of(SECRETS_MANAGER_ENABLED, isSet(environment, "demo.aws.secret-id"),
				PARAMETER_STORE_ENABLED, isSet(environment, "demo.aws.brokers-parameter"));
		environment.getPropertySources().addFirst(new MapPropertySource("kafkaDemoAwsSources", switches));
	}

	private static String isSet(ConfigurableEnvironment environment, String property) {
		return Boolean.toString(StringUtils.hasText(environment.getProperty(property)));
	}

	@Override
	public int getOrder() {
		// After the config data (kafka-demo-app.yaml, which maps the environment variables) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
