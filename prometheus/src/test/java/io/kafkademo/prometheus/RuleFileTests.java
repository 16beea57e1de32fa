package io.kafkademo.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conventions of the rule file that promtool does not check: every alert is actionable (severity, summary,
 * description, runbook) and covered by the promtool unit tests, firing and not firing.
 */
class RuleFileTests {

	private static final List<Map<String, Object>> RULES = rules();

	private static final List<Map<String, Object>> TESTS = list(MonitoringFiles.yaml(MonitoringFiles.RULE_TESTS),
			"tests");

	@Test
	void everyAlertIsActionable() {
		List<Map<String, Object>> alerts = RULES.stream().filter((rule) -> rule.containsKey("alert")).toList();
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
		for (Map<String, Object> alert : alerts) {
			String name = (String) alert.get("alert");
			assertThat(name).startsWith("KafkaDemo");
			assertThat(map(alert, "labels")).as(name).containsKey("severity");
			assertThat(map(alert, "labels").get("severity")).as(name).isIn("critical", "warning");
			Map<String, Object> annotations = map(alert, "annotations");
			assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
			assertThat((String) annotations.get("runbook")).as(name + " runbook has steps").contains("1. ", "2. ", "3. ");
		}
	}

	@Test
	void everyAlertIsUnitTestedFiringAndNotFiring() {
		List<Map<String, Object>> alertTests = new ArrayList<>();
		for (Map<String, Object> test : TESTS) {
			alertTests.addAll(list(test, "alert_rule_test"));
		}
		for (String alert : RULES.stream().map((rule) -> (String) rule.get("alert")).filter((n) -> n != null).toList()) {
			List<Map<String, Object>> cases = alertTests.stream().filter((c) -> alert.equals(c.get("alertname"))).toList();
			assertThat(cases).as(alert + " firing").anyMatch((c) -> !list(c, "exp_alerts").isEmpty());
			assertThat(cases).as(alert + " not firing").anyMatch((c) -> list(c, "exp_alerts").isEmpty());
		}
	}

	@Test
	void everyRecordingRuleIsUnitTested() {
		List<String> tested = new ArrayList<>();
		for (Map<String, Object> test : TESTS) {
			list(test, "promql_expr_test").forEach((c) -> tested.add((String) c.get("expr")));
		}
		for (String record : RULES.stream().map((rule) -> (String) rule.get("record")).filter((n) -> n != null).toList()) {
			assertThat(tested).as(record).anyMatch((expr) -> expr.contains(record));
		}
	}

	private static List<Map<String, Object>> rules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : list(MonitoringFiles.yaml(MonitoringFiles.RULES), "groups")) {
			rules.addAll(list(group, "rules"));
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

}
