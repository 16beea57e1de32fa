package io.kafkademo.helm;

import java.util.List;
import java.util.Map;

import io.kafkademo.helm.KafkaDemoChart.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Every selector selects exactly its own service's pods (or Services), and every object carries the labels. */
class LabelsAndSelectorsTests {

	private static final List<String> SERVICES = List.of("kafka-demo-service-a", "kafka-demo-service-b");

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void everyObjectCarriesTheStandardLabels(String valueSet) {
		assertThat(KafkaDemoChart.render(valueSet).objects()).allSatisfy((object) -> assertThat(
				Fields.<Map<String, Object>>at(object, "metadata.labels"))
			.containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
					"app.kubernetes.io/part-of", "app.kubernetes.io/managed-by", "helm.sh/chart")
			.contains(entry("app.kubernetes.io/name", "kafka-demo-app"),
					entry("app.kubernetes.io/instance", KafkaDemoChart.RELEASE),
					entry("app.kubernetes.io/managed-by", "Helm")));
	}

	@Test
	void serviceWorkloadsAreLabelledWithTheOriginalAppLabelAndComponent() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		for (String service : SERVICES) {
			for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy")) {
				assertThat(Fields.<Map<String, Object>>at(rendered.get(kind, service), "metadata.labels")).as(kind)
					.contains(entry("app", service), entry("app.kubernetes.io/component", service));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void deploymentSelectorsMatchOnlyTheirOwnPods(String valueSet) {
		Rendered rendered = KafkaDemoChart.render(valueSet);
		for (String service : SERVICES) {
			Map<String, Object> selector = Fields.at(rendered.get("Deployment", service), "spec.selector.matchLabels");
			assertThat(selects(selector, podLabels(rendered, service))).as(service).isTrue();
			SERVICES.stream()
				.filter((other) -> !other.equals(service))
				.forEach((other) -> assertThat(selects(selector, podLabels(rendered, other))).isFalse());
		}
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void servicesSelectTheirDeploymentsPodsOnPortHttp(String valueSet) {
		Rendered rendered = KafkaDemoChart.render(valueSet);
		for (String service : SERVICES) {
			Map<String, Object> svc = rendered.get("Service", service);
			assertThat(Fields.<Map<String, Object>>at(svc, "spec.selector"))
				.isEqualTo(Fields.at(rendered.get("Deployment", service), "spec.selector.matchLabels"));
			assertThat(selects(Fields.at(svc, "spec.selector"), podLabels(rendered, service))).isTrue();
			assertThat(Fields.list(Fields.at(svc, "spec.ports")))
				.containsExactly(Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP"));
		}
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void disruptionBudgetsCoverTheirOwnPodsOneAtATime(String valueSet) {
		Rendered rendered = KafkaDemoChart.render(valueSet);
		assertThat(rendered.ofKind("PodDisruptionBudget")).hasSize(SERVICES.size());
		for (String service : SERVICES) {
			Map<String, Object> pdb = rendered.get("PodDisruptionBudget", service);
			assertThat(Fields.<Integer>at(pdb, "spec.maxUnavailable")).isEqualTo(1);
			assertThat(selects(Fields.at(pdb, "spec.selector.matchLabels"), podLabels(rendered, service))).isTrue();
			assertThat(Fields.<Map<String, Object>>at(pdb, "spec.selector.matchLabels"))
				.isEqualTo(Fields.at(rendered.get("Deployment", service), "spec.selector.matchLabels"));
		}
	}

	@Test
	void serviceMonitorSelectsEveryServiceInTheReleaseByPortHttp() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		Map<String, Object> monitor = rendered.ofKind("ServiceMonitor").get(0);
		Map<String, Object> selector = Fields.at(monitor, "spec.selector.matchLabels");
		assertThat(rendered.ofKind("Service")).hasSize(SERVICES.size())
			.allSatisfy((service) -> assertThat(selects(selector, Fields.at(service, "metadata.labels"))).isTrue());
		assertThat(Fields.list(Fields.at(monitor, "spec.endpoints"))).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint).containsEntry("port", "http")
				.containsEntry("path", "/actuator/prometheus")
				.containsEntry("interval", "30s"));
		assertThat(Fields.<Map<String, Object>>at(monitor, "spec.namespaceSelector"))
			.isEqualTo(Map.of("matchNames", List.of(KafkaDemoChart.NAMESPACE)));
		assertThat(Fields.<Map<String, Object>>at(monitor, "metadata.labels"))
			.containsEntry("release", "kube-prometheus-stack");
	}

	@Test
	void networkPoliciesApplyToTheirOwnPods() {
		Rendered rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		for (String service : SERVICES) {
			Map<String, Object> policy = rendered.get("NetworkPolicy", service);
			assertThat(Fields.<Map<String, Object>>at(policy, "spec.podSelector.matchLabels"))
				.isEqualTo(Fields.at(rendered.get("Deployment", service), "spec.selector.matchLabels"));
		}
	}

	static Map<String, Object> podLabels(Rendered rendered, String service) {
		return Fields.at(rendered.get("Deployment", service), "spec.template.metadata.labels");
	}

	/** Kubernetes' matchLabels semantics: every selector label is present with the same value. */
	static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
		assertThat(selector).as("selector").isNotEmpty();
		return labels.entrySet().containsAll(selector.entrySet());
	}

}
