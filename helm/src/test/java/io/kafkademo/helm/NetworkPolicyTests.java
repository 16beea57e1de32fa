package io.kafkademo.helm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With networkPolicy.enabled, pods accept only the HTTP port and reach only DNS, Kafka and HTTPS. */
class NetworkPolicyTests {

	@Test
	void ingressReachesOnlyTheHttpPort() {
		var rendered = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES);
		for (Map<String, Object> policy : rendered.ofKind("NetworkPolicy")) {
			assertThat(Fields.<List<String>>at(policy, "spec.policyTypes")).containsExactly("Ingress", "Egress");
			assertThat(Fields.list(Fields.at(policy, "spec.ingress"))).singleElement()
				.satisfies((rule) -> assertThat(Fields.list(rule.get("ports")))
					.containsExactly(Map.of("port", "http", "protocol", "TCP")));
			// The named port is the container's 8080.
			String service = Fields.at(policy, "metadata.name");
			assertThat(Fields.list(DeploymentTests.container(rendered.get("Deployment", service)).get("ports")))
				.containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
		}
	}

	@Test
	void egressReachesOnlyDnsKafkaAndHttps() {
		var policies = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).ofKind("NetworkPolicy");
		assertThat(policies).hasSize(2).allSatisfy((policy) -> assertThat(Fields.list(Fields.at(policy, "spec.egress")))
			.flatExtracting((rule) -> Fields.list(rule.get("ports")))
			.containsExactlyInAnyOrder(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"),
					Map.of("port", 9096, "protocol", "TCP"), Map.of("port", 443, "protocol", "TCP")));
	}

}
