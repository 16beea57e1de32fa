package io.kafkademo.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every object the chart renders, hooks included, is a known kind and valid against its OpenAPI schema. */
class RenderedObjectsValidationTests {

	/** The validator knows nothing of a kind outside its schemas and passes it silently: so only these may appear. */
	private static final Set<String> EXPECTED_KINDS = Set.of("apps/v1 Deployment", "v1 Service", "v1 ServiceAccount",
			"policy/v1 PodDisruptionBudget", "networking.k8s.io/v1 NetworkPolicy", "batch/v1 Job", "v1 Pod",
			"v1 ConfigMap", "monitoring.coreos.com/v1 ServiceMonitor", "monitoring.coreos.com/v1 PrometheusRule");

	private static final KubernetesSchema schema = new KubernetesSchema();

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void everyRenderedObjectIsValid(String valueSet) {
		List<String> violations = new ArrayList<>();
		for (Map<String, Object> object : KafkaDemoChart.render(valueSet).objects()) {
			schema.violations(object)
				.forEach((violation) -> violations.add(object.get("kind") + "/" + Fields.at(object, "metadata.name")
						+ ": " + violation));
		}
		assertThat(violations).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#valueSets")
	void everyRenderedObjectIsOfAnExpectedKind(String valueSet) {
		assertThat(KafkaDemoChart.render(valueSet).objects())
			.isNotEmpty()
			.allSatisfy((object) -> assertThat(object.get("apiVersion") + " " + object.get("kind")).isIn(EXPECTED_KINDS));
	}

	@Test
	void fullValuesRenderEveryExpectedKind() {
		assertThat(KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).objects())
			.extracting((object) -> object.get("apiVersion") + " " + object.get("kind"))
			.containsAll(EXPECTED_KINDS);
	}

	@Test
	void validationReportsAMisspeltField() {
		Map<String, Object> deployment = copy(
				KafkaDemoChart.render().get("Deployment", "kafka-demo-service-a"));
		Map<String, Object> spec = Fields.map(deployment.get("spec"));
		spec.put("replica", spec.remove("replicas"));
		assertThat(schema.violations(deployment)).singleElement().asString().contains("replica");
	}

	@Test
	void validationReportsAWrongTypeInAnIntOrStringField() {
		Map<String, Object> deployment = copy(
				KafkaDemoChart.render().get("Deployment", "kafka-demo-service-a"));
		Fields.map(Fields.at(deployment, "spec.strategy.rollingUpdate")).put("maxSurge", true);
		assertThat(schema.violations(deployment)).singleElement().asString().contains("boolean");
	}

	@Test
	void validationReportsAWrongIntegerOutsideIntOrString() {
		Map<String, Object> service = copy(KafkaDemoChart.render().get("Service", "kafka-demo-service-a"));
		Fields.list(Fields.at(service, "spec.ports")).get(0).put("name", 8080);
		assertThat(schema.violations(service)).singleElement().asString().contains("integer");
	}

	/** A deep copy, so that mutating it leaves the shared rendering intact. */
	private static Map<String, Object> copy(Map<String, Object> object) {
		return KafkaDemoChart.parse(KafkaDemoChart.toYaml(object)).get(0);
	}

}
