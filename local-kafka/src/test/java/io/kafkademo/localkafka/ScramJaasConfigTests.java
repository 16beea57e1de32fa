package io.kafkademo.localkafka;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScramJaasConfigTests {

	@ParameterizedTest
	@ValueSource(strings = { "p\"a\\ss; w=ord ünïcödé", "\\", "\"", "ends with backslash\\", "\\\"", "'single'",
			"// not a comment", "/* not a comment */", "line\nbreak\r", "tab\there", "}{)(;=,", "" })
	void kafkasJaasParserReadsBackTheExactPassword(String password) {
		Map<String, ?> options = parse(ScramJaasConfig.forCredentials("svc-a", password));

		assertThat(options.get("password")).isEqualTo(password);
		assertThat(options.get("username")).isEqualTo("svc-a");
	}

	@ParameterizedTest
	@ValueSource(strings = { "user with spaces", "u\"s\\er", "ünïcödé", "a=b,c" })
	void kafkasJaasParserReadsBackTheExactUserName(String user) {
		assertThat(parse(ScramJaasConfig.forCredentials(user, "pw")).get("username")).isEqualTo(user);
	}

	private static Map<String, ?> parse(String jaasConfig) {
		// What a Kafka client does with the sasl.jaas.config property.
		JaasContext context = JaasContext
			.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaasConfig)));
		assertThat(context.configurationEntries()).hasSize(1);
		AppConfigurationEntry entry = context.configurationEntries().get(0);
		assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
		return entry.getOptions();
	}

}
