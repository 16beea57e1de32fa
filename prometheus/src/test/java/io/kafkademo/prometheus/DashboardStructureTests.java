package io.kafkademo.prometheus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.kafkademo.prometheus.Dashboard.Query;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Grafana needs to import and render the dashboard, checked without Grafana (it cannot be installed here).
 * LiveDashboardTests runs every query against a real Prometheus.
 */
class DashboardStructureTests {

	private static final String DATASOURCE = "${datasource}";

	private static final int GRID_WIDTH = 24;

	private final Dashboard dashboard = Dashboard.load();

	@Test
	void isAGrafana10DashboardWithAStableUid() {
		assertThat(this.dashboard.json().path("schemaVersion").asInt()).isGreaterThanOrEqualTo(38);
		assertThat(this.dashboard.json().path("uid").asString()).isEqualTo("kafka-demo-app");
		assertThat(this.dashboard.json().path("title").asString()).isEqualTo("kafka-demo-app");
		assertThat(this.dashboard.panels()).isNotEmpty();
	}

	@Test
	void panelIdsAreUnique() {
		List<Integer> ids = this.dashboard.panels().stream().map((panel) -> panel.path("id").asInt()).toList();
		assertThat(ids).doesNotContain(0).doesNotHaveDuplicates();
	}

	@Test
	void everyPanelQueriesTheSelectedDatasource() {
		for (JsonNode panel : this.dashboard.panels()) {
			String name = "panel " + panel.path("id").asInt() + " " + panel.path("title").asString();
			assertThat(panel.path("title").asString()).as(name).isNotBlank();
			assertThat(panel.path("datasource").path("uid").asString()).as(name).isEqualTo(DATASOURCE);
			assertThat(panel.path("targets").values()).as(name + " targets").isNotEmpty();
			Set<String> refIds = new HashSet<>();
			for (JsonNode target : panel.path("targets").values()) {
				assertThat(target.path("datasource").path("uid").asString()).as(name).isEqualTo(DATASOURCE);
				assertThat(target.path("expr").asString()).as(name).isNotBlank();
				assertThat(refIds.add(target.path("refId").asString())).as(name + " refId unique").isTrue();
			}
		}
	}

	@Test
	void panelsFitTheGridWithoutOverlapping() {
		List<int[]> boxes = new ArrayList<>();
		for (JsonNode panel : this.dashboard.panels()) {
			JsonNode grid = panel.path("gridPos");
			int x = grid.path("x").asInt(-1);
			int y = grid.path("y").asInt(-1);
			int w = grid.path("w").asInt(0);
			int h = grid.path("h").asInt(0);
			String name = "panel " + panel.path("id").asInt() + " gridPos " + grid;
			assertThat(x).as(name).isBetween(0, GRID_WIDTH - 1);
			assertThat(y).as(name).isNotNegative();
			assertThat(w).as(name).isBetween(1, GRID_WIDTH - x);
			assertThat(h).as(name).isPositive();
			for (int[] other : boxes) {
				boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3]
						&& other[1] < y + h;
				assertThat(overlaps).as(name + " overlaps panel " + other[4]).isFalse();
			}
			boxes.add(new int[] { x, y, w, h, panel.path("id").asInt() });
		}
	}

	@Test
	void variablesSelectDatasourceNamespaceApplicationAndPod() {
		assertThat(this.dashboard.variables()).map((variable) -> variable.path("name").asString())
			.containsExactly("datasource", "namespace", "application", "pod");
		JsonNode datasource = this.dashboard.variable("datasource");
		assertThat(datasource.path("type").asString()).isEqualTo("datasource");
		assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
		for (String name : List.of("namespace", "application", "pod")) {
			JsonNode variable = this.dashboard.variable(name);
			assertThat(variable.path("type").asString()).as(name).isEqualTo("query");
			assertThat(variable.path("datasource").path("uid").asString()).as(name).isEqualTo(DATASOURCE);
			assertThat(Dashboard.labelValues(variable).label()).as(name).isEqualTo(name);
			assertThat(variable.path("includeAll").asBoolean()).as(name).isTrue();
			assertThat(variable.path("allValue").asString()).as(name).isEqualTo(".*");
		}
		// Each variable narrows the next one down.
		assertThat(Dashboard.labelValues(this.dashboard.variable("application")).selector()).contains("$namespace");
		assertThat(Dashboard.labelValues(this.dashboard.variable("pod")).selector()).contains("$namespace",
				"$application");
	}

	@Test
	void serviceQueriesFollowTheVariables() {
		for (Query query : this.dashboard.queries()) {
			if (!query.expr().contains("kafka_server_")) {
				assertThat(query.expr()).as(query.toString()).contains("namespace=~\"$namespace\"");
				assertThat(query.expr()).as(query.toString()).containsAnyOf("application=~\"$application\"",
						"job=~\"$application\"", "($application)");
			}
		}
	}

	@Test
	void showsEndToEndLatencyQuantilesAndTheirHeatmap() {
		List<String> latency = this.dashboard.queries()
			.stream()
			.map(Query::expr)
			.filter((expr) -> expr.startsWith("histogram_quantile(")
					&& expr.contains("rate(kafka_demo_end_to_end_latency_seconds_bucket{"))
			.toList();
		assertThat(latency).anyMatch((expr) -> expr.startsWith("histogram_quantile(0.5,"))
			.anyMatch((expr) -> expr.startsWith("histogram_quantile(0.95,"))
			.anyMatch((expr) -> expr.startsWith("histogram_quantile(0.99,"));
		JsonNode heatmap = this.dashboard.panels()
			.stream()
			.filter((panel) -> "heatmap".equals(panel.path("type").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no heatmap panel"));
		assertThat(heatmap.path("targets").path(0).path("format").asString()).isEqualTo("heatmap");
		assertThat(heatmap.path("targets").path(0).path("expr").asString())
			.contains("kafka_demo_end_to_end_latency_seconds_bucket")
			.contains("by (le)");
	}

	@Test
	void showsTheMskBrokersBytesInAndOutPerTopic() {
		for (String name : List.of("BytesInPerSec", "BytesOutPerSec")) {
			assertThat(this.dashboard.queries()).map(Query::expr)
				.anyMatch((expr) -> expr.contains("kafka_server_BrokerTopicMetrics_Count{name=\"" + name + "\"")
						&& expr.contains("by (topic)"));
		}
	}

}
