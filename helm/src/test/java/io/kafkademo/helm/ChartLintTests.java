package io.kafkademo.helm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict} passes with the default values and with every ci/*-values.yaml. */
class ChartLintTests {

	@Test
	void lintsStrictlyWithDefaultValues() {
		assertLintPasses(KafkaDemoChart.lint());
	}

	@ParameterizedTest
	@MethodSource("io.kafkademo.helm.KafkaDemoChart#ciValuesFiles")
	void lintsStrictlyWithCiValues(Path valuesFile) {
		assertLintPasses(KafkaDemoChart.lint(valuesFile));
	}

	@Test
	void ciValuesCoverEveryOptionalFeature() {
		Map<String, Object> full = KafkaDemoChart.load(KafkaDemoChart.FULL_VALUES);
		for (String feature : List.of("serviceMonitor", "prometheusRule", "grafanaDashboard", "networkPolicy",
				"provisioning")) {
			assertThat(Fields.<Boolean>at(full, feature + ".enabled")).as(feature).isTrue();
		}
		assertThat(Fields.<String>at(full, "serviceAccount.irsaRoleArn")).startsWith("arn:aws:iam::");
	}

	@Test
	void appVersionIsTheMavenProjectVersion() {
		Map<String, Object> chart = KafkaDemoChart.load(KafkaDemoChart.CHART_DIR.resolve("Chart.yaml"));
		assertThat(chart.get("appVersion")).isEqualTo(System.getProperty("kafka-demo.version"));
	}

	@Test
	void lintCopyMergesValuesLikeHelm() {
		Map<String, Object> overrides = new LinkedHashMap<>();
		overrides.put("a", Map.of("c", 3));
		overrides.put("d", List.of(2));
		overrides.put("e", null);
		Map<String, Object> merged = KafkaDemoChart
			.mergeValues(Map.of("a", Map.of("b", 1, "c", 2), "d", List.of(1), "e", "removed"), overrides);
		assertThat(merged).isEqualTo(Map.of("a", Map.of("b", 1, "c", 3), "d", List.of(2)));
	}

	private static void assertLintPasses(LintResult result) {
		assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).allSatisfy((message) -> assertThat(message).doesNotContain("[ERROR]", "[WARNING]"));
	}

}
