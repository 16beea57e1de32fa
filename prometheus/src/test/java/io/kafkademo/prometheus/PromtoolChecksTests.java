package io.kafkademo.prometheus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kafkademo.prometheus.ExternalTool.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** promtool's own checks of the configurations and rules, and the rules' unit tests (rules/kafka-demo-rules.test.yml). */
class PromtoolChecksTests {

	private final ExternalTool promtool = ExternalTool.require("promtool");

	@Test
	void localConfigIsValid() {
		Result result = this.promtool.run(MonitoringFiles.DIRECTORY, "check", "config", "prometheus-local.yml");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("SUCCESS: 1 rule files found");
	}

	@Test
	void clusterConfigIsValid() {
		Result result = this.promtool.run(MonitoringFiles.DIRECTORY, "check", "config", "prometheus.yml");
		assumeFalse(result.output().contains("field kubernetes_sd_configs not found"),
				"this promtool (Debian's build) has no Kubernetes service discovery; "
						+ "clusterConfigIsValidApartFromKubernetesDiscovery checks the rest");
		assertThat(result.exitCode()).as(result.toString()).isZero();
	}

	@Test
	void clusterConfigIsValidApartFromKubernetesDiscovery(@TempDir Path dir) throws IOException {
		Path noTargets = Files.writeString(dir.resolve("no-targets.json"), "[]");
		Path config = PrometheusConfigs.write(PrometheusConfigs.clusterConfig(noTargets), dir.resolve("prometheus.yml"));
		Result result = this.promtool.run(dir, "check", "config", config.toString());
		assertThat(result.exitCode()).as(result.toString()).isZero();
		// promtool also parses the file_sd files: msk-targets.json is among them.
		assertThat(result.output()).contains("SUCCESS: 1 rule files found");
		assertThat(Files.readString(config)).contains(MonitoringFiles.MSK_TARGETS.toString());
	}

	@Test
	void rulesAreValid() {
		Result result = this.promtool.run(MonitoringFiles.DIRECTORY, "check", "rules", "rules/kafka-demo-rules.yml");
		assertThat(result.exitCode()).as(result.toString()).isZero();
	}

	@Test
	void rulesPassTheirUnitTests() {
		Result result = this.promtool.run(MonitoringFiles.DIRECTORY, "test", "rules",
				"rules/kafka-demo-rules.test.yml");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

}
