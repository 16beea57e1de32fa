package io.kafkademo.app.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.kafkademo.app.KafkaDemoApplication;
import io.kafkademo.app.support.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** A missing or invalid setting stops start-up with one line naming the variable, and no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			MSG_FREQ                      | ten              | MSG_FREQ: "ten" is not a number of seconds or a duration
			MSG_FREQ                      | -5s              | MSG_FREQ: "-5s" must not be negative
			TOPIC1                        | ''               | TOPIC1: must be set
			TOPIC2                        | bad topic!       | TOPIC2: "bad topic!" is not a valid Kafka topic name
			GROUP                         | ' '              | GROUP: must be set
			LOG_LEVEL                     | loud             | LOG_LEVEL: "loud" is not one of trace, debug, info, warn, error
			LOG_FORMAT                    | xml              | LOG_FORMAT: "xml" is not text or json
			KAFKA_BOOTSTRAP_SERVERS       | localhost        | KAFKA_BOOTSTRAP_SERVERS: "localhost" is not a host:port pair (expected a comma-separated host:port list)
			KAFKA_BOOTSTRAP_SERVERS       | a:1,b:99999      | KAFKA_BOOTSTRAP_SERVERS: "b:99999" is not a host:port pair (expected a comma-separated host:port list)
			KAFKA_SECURITY_PROTOCOL       | SSL              | KAFKA_SECURITY_PROTOCOL: "SSL" is not SASL_SSL or PLAINTEXT
			KAFKA_SASL_USERNAME           | ''               | KAFKA_SASL_USERNAME: must be set when KAFKA_SECURITY_PROTOCOL is SASL_SSL
			KAFKA_SASL_PASSWORD           | ''               | KAFKA_SASL_PASSWORD: must be set when KAFKA_SECURITY_PROTOCOL is SASL_SSL
			KAFKA_SSL_TRUSTSTORE_LOCATION | /nonexistent.p12 | KAFKA_SSL_TRUSTSTORE_LOCATION: "/nonexistent.p12" is not a readable file
			KAFKA_STATIC_MEMBERSHIP       | yes              | KAFKA_STATIC_MEMBERSHIP: "yes" is not true or false
			KAFKA_GROUP_PROTOCOL          | eager            | KAFKA_GROUP_PROTOCOL: "eager" is not classic or consumer
			""")
	void invalidSettingStopsStartUpWithOneLineNamingTheVariable(String variable, String value, String message,
			CapturedOutput output) {
		Map<String, String> env = validEnvironment();
		env.put(variable, value);
		SpringApplication application = new SpringApplication(KafkaDemoApplication.class);
		assertThatException().isThrownBy(() -> application.run(RunningService.arguments("kafka-demo-service-a", env)));
		// The console appender is asynchronous (logback-spring.xml): the line reaches stdout shortly after run() fails.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains(" ERROR ")))
				.singleElement()
				.asString()
				.endsWith("Start-up failed: " + message));
		assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
	}

	@Test
	void withJsonLogsTheFailureIsOneEcsLine(CapturedOutput output) {
		Map<String, String> env = validEnvironment();
		env.put("LOG_FORMAT", "json");
		env.put("TOPIC1", "");
		SpringApplication application = new SpringApplication(KafkaDemoApplication.class);
		try {
			assertThatException()
				.isThrownBy(() -> application.run(RunningService.arguments("kafka-demo-service-a", env)));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains("\"ERROR\"")))
					.singleElement()
					.satisfies((line) -> {
						JsonNode json = JSON.readTree(line);
						assertThat(json.at("/log/level").asString()).isEqualTo("ERROR");
						assertThat(json.at("/message").asString()).isEqualTo("Start-up failed: TOPIC1: must be set");
						assertThat(json.at("/service/name").asString()).isEqualTo("kafka-demo-service-a");
						assertThat(json.at("/ecs/version").asString()).isEqualTo("8.11");
					}));
			assertThat(output.getOut().lines()).allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		}
		finally {
			// Boot hands the format to Logback as a system property that it never clears (one application per JVM
			// in production); later applications in this test JVM must log as text again.
			System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		}
	}

	private static Map<String, String> validEnvironment() {
		Map<String, String> env = new HashMap<>();
		env.put("TOPIC1", "foo-topic");
		env.put("TOPIC2", "bar-topic");
		env.put("GROUP", "consumer-group-A");
		env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9096");
		env.put("KAFKA_SASL_USERNAME", "svc-a");
		env.put("KAFKA_SASL_PASSWORD", "secret");
		env.put("HOSTNAME", "config-test");
		return env;
	}

}
