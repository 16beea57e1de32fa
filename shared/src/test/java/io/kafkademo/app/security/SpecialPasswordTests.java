package io.kafkademo.app.security;

import java.time.Duration;
import java.util.Map;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Passwords are never parsed as JAAS text, so every character a secret generator may produce works. */
@ExtendWith(OutputCaptureExtension.class)
class SpecialPasswordTests {

	static final String SPECIAL = "p\"a\\ss; w=ord ünïcödé \\\" ; }{ 密码";

	@Test
	void passwordWithQuotesBackslashesSemicolonsEqualsSpacesAndNonAsciiAuthenticates(CapturedOutput output) {
		Topology topology = TestKafka.provision("special");
		TestKafka.provisioner().createUser(topology.userA(), SPECIAL);
		Map<String, String> env = topology.serviceA("special-a");
		env.put("KAFKA_SASL_PASSWORD", SPECIAL);
		env.put("MSG_FREQ", "300ms");
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
				assertThat(service.readiness()).isEqualTo(200);
				assertThat(output.getOut()).containsPattern("wrote message \\d+ to " + topology.fooTopic());
			});
		}
		assertThat(output.getAll()).doesNotContain(SPECIAL);
	}

}
