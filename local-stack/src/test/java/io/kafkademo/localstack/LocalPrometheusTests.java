package io.kafkademo.localstack;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalPrometheusTests {

	@TempDir
	Path dir;

	@Test
	void threeReplicasEachOnTheDefaultPortsUseTheCheckoutsPrometheusLocalYml() {
		Path config = LocalPrometheus.configFor(CommandLine.projectDir(), this.dir, replicas(3, 8081, 8091));

		assertThat(config).isEqualTo(CommandLine.projectDir().resolve("prometheus").resolve("prometheus-local.yml"));
	}

	@Test
	void otherPortsOrCountsGetTheSameConfigurationForTheActualReplicas() {
		Path config = LocalPrometheus.configFor(CommandLine.projectDir(), this.dir, replicas(2, 18081, 18091));

		assertThat(config).isEqualTo(this.dir.resolve("prometheus.yml"));
		assertThat(config).content()
			.contains("  - job_name: kafka-demo-service-a\n", "  - job_name: kafka-demo-service-b\n",
					"      - targets: ['127.0.0.1:18082']\n"
							+ "        labels: { application: kafka-demo-service-a, namespace: local, pod: kafka-demo-service-a-2 }\n",
					"      - targets: ['127.0.0.1:18091']\n"
							+ "        labels: { application: kafka-demo-service-b, namespace: local, pod: kafka-demo-service-b-1 }\n",
					CommandLine.projectDir().resolve("prometheus/rules/kafka-demo-rules.yml").toString())
			.doesNotContain("18083", "18093");
	}

	@Test
	void theWrittenConfigurationPassesPromtool() {
		Optional<Path> promtool = CommandLine.onPath("promtool");
		assumeTrue(promtool.isPresent(), "promtool is not on the PATH (apt-get install prometheus): not checked");
		Path config = LocalPrometheus.configFor(CommandLine.projectDir(), this.dir, replicas(2, 18081, 18091));

		CommandLine check = CommandLine.run(this.dir, Duration.ofSeconds(30),
				List.of(promtool.get().toString(), "check", "config", config.toString()));

		assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
	}

	private static List<ServiceReplica> replicas(int count, int basePortA, int basePortB) {
		List<ServiceReplica> replicas = new ArrayList<>();
		for (DemoService service : DemoService.values()) {
			int base = (service == DemoService.SERVICE_A) ? basePortA : basePortB;
			for (int index = 1; index <= count; index++) {
				replicas.add(new ServiceReplica(service, index, base + index - 1, List.of("java"), Map.of(), Set.of(),
						Path.of(service.replicaName(index) + ".log"), null, HttpClient.newHttpClient()));
			}
		}
		return replicas;
	}

}
