package io.kafkademo.helm;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ServiceAccount keeps the original name and carries the IRSA role that reads the MSK credentials. */
class ServiceAccountTests {

	private static final String NAME = "kafka-demo-app-sasl-scram-serviceaccount";

	@Test
	void defaultServiceAccountHasTheOriginalNameAndNoApiToken() {
		Map<String, Object> account = KafkaDemoChart.render().get("ServiceAccount", NAME);
		assertThat(account).containsEntry("automountServiceAccountToken", false);
		assertThat(Fields.<Map<String, Object>>at(account, "metadata.annotations")).isNull();
	}

	@Test
	void irsaRoleArnBecomesTheEksAnnotation() {
		Map<String, Object> account = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).get("ServiceAccount", NAME);
		assertThat(Fields.<Map<String, Object>>at(account, "metadata.annotations"))
			.isEqualTo(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/kafka-demo-app-msk-scram"));
	}

	@Test
	void anExistingServiceAccountIsUsedButNotCreated() {
		var rendered = KafkaDemoChart.render(KafkaDemoChart.KAFKA_VALUES);
		assertThat(rendered.ofKind("ServiceAccount")).isEmpty();
		assertThat(rendered.ofKind("Deployment")).allSatisfy((deployment) -> assertThat(
				Fields.<String>at(deployment, "spec.template.spec.serviceAccountName"))
			.isEqualTo("default"));
	}

}
