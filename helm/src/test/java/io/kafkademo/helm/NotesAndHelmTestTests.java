package io.kafkademo.helm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator gets after install: NOTES with the log and port-forward commands, and a `helm test` Pod. */
class NotesAndHelmTestTests {

	private static final List<String> SERVICES = List.of("kafka-demo-service-a", "kafka-demo-service-b");

	@Test
	void notesShowHowToFollowLogsAndReachTheActuator() {
		String notes = KafkaDemoChart.notes(KafkaDemoChart.FULL_VALUES);
		for (String service : SERVICES) {
			assertThat(notes).contains(
					"kubectl logs -l app=" + service + " -n " + KafkaDemoChart.NAMESPACE + " -f --prefix",
					"kubectl port-forward -n " + KafkaDemoChart.NAMESPACE + " svc/" + service + " 8080:http");
		}
		assertThat(notes).contains("helm test " + KafkaDemoChart.RELEASE).doesNotContain("WARNING");
	}

	@Test
	void notesWarnWhenMskHasNoIamRole() {
		assertThat(KafkaDemoChart.notes()).contains("WARNING: msk.enabled is true but serviceAccount.irsaRoleArn is empty");
	}

	@Test
	void testPodChecksEveryServicesReadinessThroughItsService() {
		var rendered = KafkaDemoChart.render();
		Map<String, Object> pod = rendered.get("Pod", "kafka-demo-app-test-readiness");
		assertThat(Fields.<Map<String, Object>>at(pod, "metadata.annotations")).containsEntry("helm.sh/hook", "test");
		assertThat(Fields.list(Fields.at(pod, "spec.containers"))).hasSize(SERVICES.size()).allSatisfy((container) -> {
			assertThat((String) container.get("image")).startsWith("curlimages/curl:");
			assertThat(Fields.<List<String>>at(container, "args")).contains("--fail")
				.last()
				.isEqualTo("http://" + container.get("name") + ":8080/actuator/health/readiness");
			assertThat(rendered.get("Service", (String) container.get("name"))).isNotNull();
		});
		assertThat(KafkaDemoChart.template()).doesNotContainPattern("(?m)^kind: Pod$");
	}

}
