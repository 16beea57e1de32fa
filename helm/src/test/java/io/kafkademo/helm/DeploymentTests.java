package io.kafkademo.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kafkademo.helm.KafkaDemoChart.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The Deployments: one template for every service, defaults that reproduce the original deployment. */
class DeploymentTests {

	private static final String SERVICE_A = "kafka-demo-service-a";

	private static final String SERVICE_B = "kafka-demo-service-b";

	@Test
	void oneTemplateRendersEveryDeployment() throws IOException {
		try (Stream<Path> templates = Files.walk(KafkaDemoChart.CHART_DIR.resolve("templates"))) {
			List<Path> withDeployment = templates.filter(Files::isRegularFile)
				.filter((template) -> read(template).contains("kind: Deployment"))
				.toList();
			assertThat(withDeployment).singleElement().asString().endsWith("deployment.yaml");
		}
		assertThat(KafkaDemoChart.render().ofKind("Deployment")).hasSize(2);
	}

	@Test
	void defaultsReproduceTheOriginalServices() {
		Rendered rendered = KafkaDemoChart.render();
		assertThat(rendered.ofKind("Deployment")).extracting((d) -> Fields.at(d, "metadata.name"))
			.containsExactly(SERVICE_A, SERVICE_B);
		assertThat(env(rendered, SERVICE_A)).contains(entry("TOPIC1", "foo-topic"), entry("TOPIC2", "bar-topic"),
				entry("GROUP", "consumer-group-A"), entry("MSG_FREQ", "10"));
		assertThat(env(rendered, SERVICE_B)).contains(entry("TOPIC1", "bar-topic"), entry("TOPIC2", "foo-topic"),
				entry("GROUP", "consumer-group-B"), entry("MSG_FREQ", "10"));
		for (String service : List.of(SERVICE_A, SERVICE_B)) {
			Map<String, Object> deployment = rendered.get("Deployment", service);
			assertThat(Fields.<Integer>at(deployment, "spec.replicas")).isEqualTo(3);
			assertThat(Fields.<Map<String, Object>>at(deployment, "spec.template.metadata.labels"))
				.contains(entry("app", service));
			assertThat(container(deployment).get("image")).isEqualTo(service + ":" + appVersion());
		}
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void replicasAndServiceSettingsFollowTheValues(String valueSet) {
		Rendered rendered = KafkaDemoChart.render(valueSet);
		Map<String, Object> services = Fields.map(values(valueSet).get("services"));
		assertThat(rendered.ofKind("Deployment")).hasSize(services.size());
		services.forEach((name, value) -> {
			Map<String, Object> service = Fields.map(value);
			assertThat(Fields.<Integer>at(rendered.get("Deployment", name), "spec.replicas")).as(name)
				.isEqualTo(service.get("replicaCount"));
			assertThat(env(rendered, name)).as(name)
				.contains(entry("TOPIC1", service.get("produceTopic")), entry("TOPIC2", service.get("consumeTopic")),
						entry("GROUP", service.get("group")));
		});
	}

	@Test
	void ciValuesUseOtherReplicaCounts() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		assertThat(Fields.<Integer>at(rendered.get("Deployment", SERVICE_A), "spec.replicas")).isEqualTo(2);
		assertThat(Fields.<Integer>at(rendered.get("Deployment", SERVICE_B), "spec.replicas")).isEqualTo(4);
	}

	@Test
	void defaultEnvironmentTargetsMskWithTextLogs() {
		Map<String, Object> env = env(KafkaDemoChart.render(), SERVICE_A);
		assertThat(env).contains(entry("LOG_LEVEL", "info"), entry("LOG_FORMAT", "text"), entry("SERVER_PORT", "8080"),
				entry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), entry("KAFKA_STATIC_MEMBERSHIP", "true"),
				entry("MSK_SECRET_ID", "AmazonMSK_credentials"), entry("MSK_BROKERS_PARAMETER", "/msk/scram/brokers"),
				entry("MSK_SECRET_REFRESH", "5m"),
				entry("JAVA_TOOL_OPTIONS",
						"-XX:+UseParallelGC -XX:NewRatio=1 -XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"));
		// HOSTNAME (the static member id) comes from Kubernetes; the region from the EKS webhook unless set.
		assertThat(env).doesNotContainKeys("HOSTNAME", "AWS_REGION", "KAFKA_BOOTSTRAP_SERVERS",
				"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD");
	}

	@Test
	void defaultJavaToolOptionsAreTheImagesOwn() throws IOException {
		// The image keeps its JVM flags in JAVA_TOOL_OPTIONS (flags on its command line would win over the chart's).
		Matcher image = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"$")
			.matcher(Files.readString(KafkaDemoChart.MODULE_DIR.resolve("../docker/Dockerfile")));
		assertThat(image.find()).as("ENV JAVA_TOOL_OPTIONS in docker/Dockerfile").isTrue();
		assertThat(env(KafkaDemoChart.render(), SERVICE_A)).containsEntry("JAVA_TOOL_OPTIONS", image.group(1));
	}

	@Test
	void emptyJavaToolOptionsLeaveTheImagesDefaults(@TempDir Path dir) throws IOException {
		Path values = Files.writeString(dir.resolve("no-java-tool-options.yaml"), "javaToolOptions: \"\"\n");
		Rendered rendered = KafkaDemoChart.render(values);
		assertThat(env(rendered, SERVICE_A)).containsKey("TOPIC1").doesNotContainKey("JAVA_TOOL_OPTIONS");
		assertThat(env(rendered, SERVICE_B)).containsKey("TOPIC1").doesNotContainKey("JAVA_TOOL_OPTIONS");
	}

	@Test
	void fullValuesSetRegionSecretImagesAndExtraEnv() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/";
		assertThat(env(rendered, SERVICE_A)).contains(entry("AWS_REGION", "eu-west-1"), entry("LOG_FORMAT", "json"))
			.doesNotContainKey("KAFKA_GROUP_PROTOCOL");
		assertThat(env(rendered, SERVICE_A)).contains(entry("MSK_SECRET_ID", "AmazonMSK_kafka-demo-service-a"));
		assertThat(env(rendered, SERVICE_B)).contains(entry("KAFKA_GROUP_PROTOCOL", "consumer"),
				entry("MSK_SECRET_ID", "AmazonMSK_credentials"));
		assertThat(container(rendered.get("Deployment", SERVICE_A)).get("image"))
			.isEqualTo(registry + SERVICE_A + ":" + appVersion());
		assertThat(container(rendered.get("Deployment", SERVICE_B)).get("image"))
			.isEqualTo(registry + SERVICE_B + ":1.0.1");
	}

	@Test
	void nonAwsClusterGetsBootstrapServersAndCredentialsFromSecrets() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.KAFKA_VALUES);
		for (String service : List.of(SERVICE_A, SERVICE_B)) {
			Map<String, Object> container = container(rendered.get("Deployment", service));
			assertThat(env(rendered, service))
				.contains(entry("KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9096,kafka-1.kafka:9096,kafka-2.kafka:9096"))
				.doesNotContainKeys("MSK_SECRET_ID", "MSK_BROKERS_PARAMETER", "MSK_SECRET_REFRESH", "AWS_REGION");
			assertThat(Fields.list(container.get("envFrom")))
				.containsExactly(Map.of("secretRef", Map.of("name", service + "-scram")));
		}
	}

	@Test
	void probesUseTheActuatorGroupsOnTheNamedPort() {
		Map<String, Object> container = container(KafkaDemoChart.render().get("Deployment", SERVICE_A));
		assertThat(Fields.list(container.get("ports")))
			.containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
		assertThat(Fields.<Map<String, Object>>at(container, "startupProbe.httpGet"))
			.isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
		assertThat(Fields.<Map<String, Object>>at(container, "livenessProbe.httpGet"))
			.isEqualTo(Map.of("path", "/actuator/health/liveness", "port", "http"));
		assertThat(Fields.<Map<String, Object>>at(container, "readinessProbe.httpGet"))
			.isEqualTo(Map.of("path", "/actuator/health/readiness", "port", "http"));
	}

	@Test
	void podsRunLockedDown() {
		Map<String, Object> deployment = KafkaDemoChart.render().get("Deployment", SERVICE_A);
		Map<String, Object> pod = Fields.at(deployment, "spec.template.spec");
		assertThat(Fields.<Map<String, Object>>at(pod, "securityContext")).contains(entry("runAsNonRoot", true),
				entry("runAsUser", 10001), entry("runAsGroup", 10001), entry("fsGroup", 10001),
				entry("seccompProfile", Map.of("type", "RuntimeDefault")));
		Map<String, Object> container = container(deployment);
		assertThat(Fields.<Map<String, Object>>at(container, "securityContext")).contains(
				entry("readOnlyRootFilesystem", true), entry("allowPrivilegeEscalation", false),
				entry("capabilities", Map.of("drop", List.of("ALL"))));
		assertThat(Fields.list(container.get("volumeMounts"))).containsExactly(Map.of("name", "tmp", "mountPath", "/tmp"));
		assertThat(Fields.list(pod.get("volumes"))).singleElement()
			.satisfies((volume) -> assertThat(volume).containsKey("emptyDir").containsEntry("name", "tmp"));
		assertThat(pod).containsEntry("automountServiceAccountToken", false)
			.containsEntry("serviceAccountName", "kafka-demo-app-sasl-scram-serviceaccount");
	}

	@Test
	void rollsOutOnePodAtATimeAndStopsGracefully() {
		Map<String, Object> deployment = KafkaDemoChart.render().get("Deployment", SERVICE_A);
		assertThat(Fields.<Map<String, Object>>at(deployment, "spec.strategy")).isEqualTo(
				Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", 1, "maxUnavailable", 0)));
		assertThat(Fields.<Integer>at(deployment, "spec.template.spec.terminationGracePeriodSeconds")).isEqualTo(30);
		assertThat(Fields.<Map<String, Object>>at(container(deployment), "lifecycle.preStop"))
			.isEqualTo(Map.of("sleep", Map.of("seconds", 5)));
	}

	@Test
	void requestsCpuAndMemoryButLimitsOnlyMemory() {
		Map<String, Object> container = container(KafkaDemoChart.render().get("Deployment", SERVICE_B));
		assertThat(Fields.<Map<String, Object>>at(container, "resources")).isEqualTo(Map.of("requests",
				Map.of("cpu", "100m", "memory", "256Mi"), "limits", Map.of("memory", "384Mi")));
	}

	@Test
	void spreadsPodsAcrossZonesAndNodes() {
		Map<String, Object> deployment = KafkaDemoChart.render().get("Deployment", SERVICE_A);
		Map<String, Object> selector = Fields.at(deployment, "spec.selector.matchLabels");
		assertThat(Fields.list(Fields.at(deployment, "spec.template.spec.topologySpreadConstraints")))
			.extracting((constraint) -> constraint.get("topologyKey"))
			.containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
		assertThat(Fields.list(Fields.at(deployment, "spec.template.spec.topologySpreadConstraints")))
			.allSatisfy((constraint) -> {
				assertThat(constraint).containsEntry("whenUnsatisfiable", "ScheduleAnyway").containsEntry("maxSkew", 1);
				assertThat(Fields.<Map<String, Object>>at(constraint, "labelSelector.matchLabels")).isEqualTo(selector);
			});
	}

	@Test
	void podsCarryScrapeAnnotationsAndPassThroughScheduling() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		Map<String, Object> a = rendered.get("Deployment", SERVICE_A);
		assertThat(Fields.<Map<String, Object>>at(a, "spec.template.metadata.annotations")).contains(
				entry("prometheus.io/scrape", "true"), entry("prometheus.io/path", "/actuator/prometheus"),
				entry("prometheus.io/port", "8080"), entry("example.com/team", "messaging"));
		assertThat(Fields.<Map<String, Object>>at(rendered.get("Deployment", SERVICE_B),
				"spec.template.metadata.annotations"))
			.doesNotContainKey("example.com/team");
		assertThat(Fields.<Map<String, Object>>at(a, "spec.template.spec.nodeSelector"))
			.isEqualTo(Map.of("kubernetes.io/os", "linux"));
		assertThat(Fields.list(Fields.at(a, "spec.template.spec.tolerations"))).singleElement()
			.satisfies((toleration) -> assertThat(toleration).containsEntry("key", "dedicated"));
	}

	@Test
	void defaultsLeaveOptionalObjectsOut() {
		assertThat(KafkaDemoChart.render().objects()).extracting((object) -> object.get("kind"))
			.doesNotContain("ServiceMonitor", "PrometheusRule", "ConfigMap", "NetworkPolicy", "Job");
	}

	static Map<String, Object> container(Map<String, Object> deployment) {
		return Fields.list(Fields.at(deployment, "spec.template.spec.containers")).get(0);
	}

	static Map<String, Object> env(Rendered rendered, String service) {
		Map<String, Object> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : Fields.list(container(rendered.get("Deployment", service)).get("env"))) {
			assertThat(env).as("%s declares %s twice", service, variable.get("name")).doesNotContainKey((String) variable.get("name"));
			env.put((String) variable.get("name"), variable.get("value"));
		}
		return env;
	}

	static Map<String, Object> values(String valueSet) {
		Map<String, Object> defaults = KafkaDemoChart.load(KafkaDemoChart.CHART_DIR.resolve("values.yaml"));
		return KafkaDemoChart.DEFAULT_VALUES.equals(valueSet) ? defaults
				: KafkaDemoChart.mergeValues(defaults, KafkaDemoChart.load(KafkaDemoChart.CI_DIR.resolve(valueSet)));
	}

	private static String appVersion() {
		return (String) KafkaDemoChart.load(KafkaDemoChart.CHART_DIR.resolve("Chart.yaml")).get("appVersion");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
