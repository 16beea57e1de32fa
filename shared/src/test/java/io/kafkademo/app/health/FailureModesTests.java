package io.kafkademo.app.health;

import java.time.Duration;
import java.util.Map;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import io.kafkademo.localkafka.KafkaProvisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The errors users meet: a wrong password, a missing ACL, an unreachable broker. Each gives a clear line per retry
 * interval, readiness DOWN, the service keeps running, and it recovers once the cause is fixed.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureModesTests {

	@Test
	void wrongPasswordIsReportedAndRecoversOnceTheBrokerAcceptsIt(CapturedOutput output) {
		Topology topology = TestKafka.provision("wrongpw");
		Map<String, String> env = topology.serviceA("wrong-password-a");
		String wrongPassword = "not-" + topology.passwordA();
		env.put("KAFKA_SASL_PASSWORD", wrongPassword);
		env.put("MSG_FREQ", "500ms");
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(service.readiness()).isEqualTo(503);
				assertThat(output.getOut()).contains("Kafka cluster check failed for "
						+ TestKafka.broker().bootstrapServers() + ": SaslAuthenticationException: "
						+ "Authentication failed during authentication due to invalid credentials with SASL mechanism "
						+ "SCRAM-SHA-512; next check in 1s");
			});
			assertThat(service.context().isActive()).as("the service keeps running").isTrue();

			TestKafka.provisioner().createUser(topology.userA(), wrongPassword);
			await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(service.readiness()).isEqualTo(200));
			assertThat(output.getOut()).contains("Kafka cluster check passed");
		}
		assertThat(output.getAll()).doesNotContain(wrongPassword).doesNotContain(topology.passwordA());
	}

	@Test
	void missingAclIsReportedAndRecoversOnceGranted(CapturedOutput output) {
		Topology topology = TestKafka.provision("noacl");
		KafkaProvisioner provisioner = TestKafka.provisioner();
		String user = topology.userA() + "-without-acls";
		provisioner.createUser(user, topology.passwordA());
		Map<String, String> env = topology.serviceA("no-acl-a");
		env.put("KAFKA_SASL_USERNAME", user);
		env.put("MSG_FREQ", "500ms");
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(service.readiness()).isEqualTo(503);
				assertThat(output.getOut()).contains("TopicAuthorizationException")
					.containsPattern("failed to send message \\d+ to " + topology.fooTopic());
			});
			provisioner.allowWrite(user, topology.fooTopic());
			provisioner.allowRead(user, topology.barTopic(), topology.groupA());
			await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
				assertThat(service.readiness()).isEqualTo(200);
				assertThat(output.getOut()).containsPattern("wrote message \\d+ to " + topology.fooTopic())
					.contains("sending to " + topology.fooTopic() + " works again");
			});
		}
	}

	@Test
	void unreachableBrokerIsReportedAndRecoversWhenItIsBack(CapturedOutput output) {
		Topology topology = TestKafka.provision("outage");
		Map<String, String> env = topology.serviceA("outage-a");
		env.put("MSG_FREQ", "500ms");
		try (RunningService service = RunningService.start("kafka-demo-service-a", env)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(service.readiness()).isEqualTo(200));
			int before = output.getOut().length();
			TestKafka.broker().kill();
			try {
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(service.readiness()).isEqualTo(503);
					assertThat(output.getOut().substring(before))
						.contains("Kafka cluster check failed for " + TestKafka.broker().bootstrapServers());
				});
				assertThat(service.context().isActive()).as("the service keeps running").isTrue();
			}
			finally {
				TestKafka.broker().restart();
			}
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(service.readiness()).isEqualTo(200));
		}
	}

}
