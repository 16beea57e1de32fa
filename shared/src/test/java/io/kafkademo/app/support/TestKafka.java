package io.kafkademo.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localkafka.ScramKafkaBroker;

/**
 * The one real SCRAM-secured broker shared by every test in this JVM, and the provisioning each test class does on it
 * (its own topics, users, groups and ACLs, so classes cannot interfere).
 */
public final class TestKafka {

	private static ScramKafkaBroker broker;

	private TestKafka() {
	}

	/** The running broker, started on first use and stopped when the JVM exits. */
	public static synchronized ScramKafkaBroker broker() {
		if (broker == null) {
			try {
				Path workDir = Files.createTempDirectory("kafka-demo-test-broker");
				broker = ScramKafkaBroker.builder().workDir(workDir).build().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return broker;
	}

	/** Provisioning on the shared broker. */
	public static KafkaProvisioner provisioner() {
		return new KafkaProvisioner(broker().admin());
	}

	/**
	 * Creates a Service A / Service B pair's world under a unique prefix, as on MSK: two 3-partition topics with
	 * dead-letter topics, one SCRAM user per service and least-privilege ACLs.
	 */
	public static Topology provision(String name) {
		String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 6);
		Topology topology = new Topology(prefix + "-foo", prefix + "-bar", prefix + "-group-A", prefix + "-group-B",
				prefix + "-svc-a", "pw-a-" + UUID.randomUUID(), prefix + "-svc-b", "pw-b-" + UUID.randomUUID());
		KafkaProvisioner provisioner = provisioner();
		for (String topic : List.of(topology.fooTopic(), topology.barTopic(), topology.fooTopic() + ".DLT",
				topology.barTopic() + ".DLT")) {
			provisioner.createTopic(topic, 3);
		}
		provisioner.createUser(topology.userA(), topology.passwordA());
		provisioner.createUser(topology.userB(), topology.passwordB());
		provisioner.allowWrite(topology.userA(), topology.fooTopic());
		provisioner.allowWrite(topology.userA(), topology.barTopic() + ".DLT");
		provisioner.allowRead(topology.userA(), topology.barTopic(), topology.groupA());
		provisioner.allowWrite(topology.userB(), topology.barTopic());
		provisioner.allowWrite(topology.userB(), topology.fooTopic() + ".DLT");
		provisioner.allowRead(topology.userB(), topology.fooTopic(), topology.groupB());
		return topology;
	}

	/** The environment a pod of the service would get, pointing at the shared broker. */
	public static Map<String, String> environment(String topic1, String topic2, String group, String user,
			String password) {
		Map<String, String> env = new HashMap<>();
		env.put("TOPIC1", topic1);
		env.put("TOPIC2", topic2);
		env.put("GROUP", group);
		env.put("KAFKA_BOOTSTRAP_SERVERS", broker().bootstrapServers());
		env.put("KAFKA_SASL_USERNAME", user);
		env.put("KAFKA_SASL_PASSWORD", password);
		env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", broker().truststore().toString());
		env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", broker().truststorePassword());
		env.put("KAFKA_SSL_TRUSTSTORE_TYPE", broker().truststoreType());
		return env;
	}

	/** Topic, group and user names of one Service A / Service B pair. */
	public record Topology(String fooTopic, String barTopic, String groupA, String groupB, String userA,
			String passwordA, String userB, String passwordB) {

		/** Service A's environment: produce foo, consume bar. */
		public Map<String, String> serviceA(String host) {
			Map<String, String> env = environment(this.fooTopic, this.barTopic, this.groupA, this.userA,
					this.passwordA);
			env.put("HOSTNAME", host);
			return env;
		}

		/** Service B's environment: produce bar, consume foo. */
		public Map<String, String> serviceB(String host) {
			Map<String, String> env = environment(this.barTopic, this.fooTopic, this.groupB, this.userB,
					this.passwordB);
			env.put("HOSTNAME", host);
			return env;
		}

	}

}
