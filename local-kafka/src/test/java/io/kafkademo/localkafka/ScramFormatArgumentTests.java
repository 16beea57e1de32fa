package io.kafkademo.localkafka;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScramFormatArgumentTests {

	private static final Pattern ARGUMENT = Pattern
		.compile("SCRAM-SHA-512=\\[name=admin,salt=([A-Za-z0-9+/=]+),saltedpassword=([A-Za-z0-9+/=]+),iterations=8192]");

	@ParameterizedTest
	@ValueSource(strings = { "secret", "p\"a\\ss; w=ord ünïcödé", "comma,and]bracket" })
	void saltedPasswordIsWhatKafkaComputesForTheSamePassword(String password) throws Exception {
		Matcher matcher = ARGUMENT.matcher(ScramFormatArgument.forCredentials("admin", password));
		assertThat(matcher.matches()).isTrue();
		byte[] salt = Base64.getDecoder().decode(matcher.group(1));
		byte[] salted = Base64.getDecoder().decode(matcher.group(2));

		byte[] kafkas = new ScramFormatter(ScramMechanism.SCRAM_SHA_512).saltedPassword(password, salt, 8192);

		assertThat(salted).isEqualTo(kafkas);
	}

}
