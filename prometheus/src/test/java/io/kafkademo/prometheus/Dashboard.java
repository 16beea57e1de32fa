package io.kafkademo.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** The Grafana dashboard (dashboards/kafka-demo-app.json): its panels, their queries and its template variables. */
record Dashboard(JsonNode json) {

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

	static Dashboard load() {
		return new Dashboard(MonitoringFiles.json(MonitoringFiles.DASHBOARD));
	}

	List<JsonNode> panels() {
		return List.copyOf(this.json.path("panels").values());
	}

	/** Every target of every panel. */
	List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.path("targets").values()) {
				queries.add(new Query(panel.path("id").asInt(), panel.path("title").asString(),
						target.path("refId").asString(), target.path("expr").asString()));
			}
		}
		return queries;
	}

	List<JsonNode> variables() {
		return List.copyOf(this.json.path("templating").path("list").values());
	}

	JsonNode variable(String name) {
		return variables().stream()
			.filter((variable) -> name.equals(variable.path("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no template variable " + name));
	}

	/** The series selector and label of a {@code label_values(selector, label)} query variable. */
	static LabelValues labelValues(JsonNode variable) {
		String query = variable.path("query").isObject() ? variable.path("query").path("query").asString()
				: variable.path("query").asString();
		Matcher matcher = LABEL_VALUES.matcher(query);
		if (!matcher.matches()) {
			throw new AssertionError("variable " + variable.path("name").asString() + " is not label_values(...): " + query);
		}
		return new LabelValues(matcher.group(1).trim(), matcher.group(2));
	}

	/** One target: a PromQL expression of a panel. */
	record Query(int panelId, String panelTitle, String refId, String expr) {

		@Override
		public String toString() {
			return "panel " + this.panelId + " \"" + this.panelTitle + "\" " + this.refId + ": " + this.expr;
		}

	}

	/** {@code label_values(selector, label)}: the values of {@code label} on the series {@code selector} matches. */
	record LabelValues(String selector, String label) {
	}

}
