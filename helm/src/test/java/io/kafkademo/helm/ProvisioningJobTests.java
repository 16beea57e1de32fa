package io.kafkademo.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** The provisioning Job: a Helm hook that creates the topics and the least-privilege ACLs, idempotently. */
class ProvisioningJobTests {

	private static final String CONNECT = "\"${connect[@]}\"";

	@Test
	void runsBeforeInstallAndUpgradeAndIsReplacedOrRemoved() {
		Map<String, Object> job = job();
		assertThat(Fields.<Map<String, Object>>at(job, "metadata.annotations"))
			.containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
			.containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
		// A hook is no part of the release manifest: Helm runs it, waits for it and never applies it with the rest.
		assertThat(KafkaDemoChart.template(KafkaDemoChart.FULL_VALUES)).doesNotContainPattern("(?m)^kind: Job$");
	}

	@Test
	void createsEveryTopicAndItsDeadLetterTopicIfMissing() {
		assertThat(scriptLines().filter((line) -> line.contains("kafka-topics.sh")).toList()).containsExactly(
				topic("bar-topic"), topic("bar-topic.DLT"), topic("foo-topic"), topic("foo-topic.DLT"));
	}

	@Test
	void grantsEachServiceOnlyWhatItUses() {
		assertThat(scriptLines().filter((line) -> line.contains("kafka-acls.sh")).toList()).containsExactly(
				acl("kafka-demo-service-a", "--operation Write --operation Describe --topic foo-topic"),
				acl("kafka-demo-service-a", "--operation Write --operation Describe --topic bar-topic.DLT"),
				acl("kafka-demo-service-a", "--operation Read --operation Describe --topic bar-topic"),
				acl("kafka-demo-service-a", "--operation Read --group consumer-group-A"),
				acl("kafka-demo-service-b", "--operation Write --operation Describe --topic bar-topic"),
				acl("kafka-demo-service-b", "--operation Write --operation Describe --topic foo-topic.DLT"),
				acl("kafka-demo-service-b", "--operation Read --operation Describe --topic foo-topic"),
				acl("kafka-demo-service-b", "--operation Read --group consumer-group-B"));
	}

	@Test
	void connectsWithAdminCredentialsFromTheExistingSecretOverSaslSsl() {
		Map<String, Object> container = Fields.list(Fields.at(job(), "spec.template.spec.containers")).get(0);
		assertThat((String) container.get("image")).startsWith("apache/kafka:");
		assertThat(Fields.list(container.get("env"))).contains(
				Map.of("name", "ADMIN_USERNAME", "valueFrom",
						Map.of("secretKeyRef", Map.of("name", "kafka-demo-app-admin-scram", "key", "username"))),
				Map.of("name", "ADMIN_PASSWORD", "valueFrom",
						Map.of("secretKeyRef", Map.of("name", "kafka-demo-app-admin-scram", "key", "password"))));
		assertThat(script()).contains("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
				"ScramLoginModule required", "> /config/client.properties",
				"--command-config /config/client.properties");
		assertThat(Fields.list(container.get("volumeMounts")))
			.contains(Map.of("name", "config", "mountPath", "/config"));
		assertThat(Fields.list(Fields.at(job(), "spec.template.spec.volumes"))).filteredOn("name", "config")
			.singleElement()
			.satisfies((volume) -> assertThat(volume).containsKey("emptyDir"));
	}

	@Test
	void requiresTheAdminSecret(@TempDir Path dir) throws IOException {
		Path values = Files.writeString(dir.resolve("values.yaml"), """
				provisioning:
				  enabled: true
				  bootstrapServers: b-1.example:9096
				""");
		assertThatException().isThrownBy(() -> KafkaDemoChart.template(values))
			.withMessageContaining("provisioning.adminSecret.name is required");
	}

	private static Map<String, Object> job() {
		return KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).get("Job", "kafka-demo-app-provisioning");
	}

	private static String script() {
		List<String> args = Fields.at(Fields.list(Fields.at(job(), "spec.template.spec.containers")).get(0), "args");
		return args.get(0);
	}

	private static java.util.stream.Stream<String> scriptLines() {
		return script().lines().map(String::strip).filter((line) -> !line.startsWith("#"));
	}

	private static String topic(String name) {
		return "/opt/kafka/bin/kafka-topics.sh " + CONNECT + " --create --if-not-exists --topic " + name
				+ " --partitions 6 --replication-factor 3";
	}

	private static String acl(String user, String grant) {
		return "/opt/kafka/bin/kafka-acls.sh " + CONNECT + " --add --allow-principal User:" + user + " " + grant;
	}

}
