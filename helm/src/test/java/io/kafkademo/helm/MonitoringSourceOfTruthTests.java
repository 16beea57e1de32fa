package io.kafkademo.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard have one source, prometheus/ at the repository root: the chart reaches it through
 * symlinks in files/, and renders it unchanged.
 */
class MonitoringSourceOfTruthTests {

	private static final Path RULES = KafkaDemoChart.PROMETHEUS_DIR.resolve("rules/kafka-demo-rules.yml");

	private static final Path DASHBOARD = KafkaDemoChart.PROMETHEUS_DIR.resolve("dashboards/kafka-demo-app.json");

	@Test
	void chartFilesAreSymlinksToPrometheusDirectory() throws IOException {
		Path files = KafkaDemoChart.CHART_DIR.resolve("files");
		for (Map.Entry<String, Path> link : Map.of("kafka-demo-rules.yml", RULES, "kafka-demo-app.json", DASHBOARD)
			.entrySet()) {
			Path file = files.resolve(link.getKey());
			assertThat(Files.isSymbolicLink(file)).as("%s is a symlink", file).isTrue();
			assertThat(file.toRealPath()).isEqualTo(link.getValue().toRealPath());
		}
	}

	@Test
	void prometheusRuleSpecIsTheRulesFile() {
		Map<String, Object> rule = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).ofKind("PrometheusRule").get(0);
		assertThat(rule.get("spec")).isEqualTo(KafkaDemoChart.load(RULES));
		assertThat(Fields.<Map<String, Object>>at(rule, "metadata.labels")).containsEntry("release",
				"kube-prometheus-stack");
	}

	@Test
	void dashboardConfigMapHoldsTheDashboardFileVerbatim() throws IOException {
		Map<String, Object> configMap = KafkaDemoChart.render(KafkaDemoChart.FULL_VALUES).ofKind("ConfigMap").get(0);
		assertThat(Fields.<Map<String, Object>>at(configMap, "metadata.labels")).containsEntry("grafana_dashboard", "1");
		assertThat(Fields.<Map<String, Object>>at(configMap, "data"))
			.isEqualTo(Map.of("kafka-demo-app.json", Files.readString(DASHBOARD)));
	}

}
