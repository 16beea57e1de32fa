package io.kafkademo.prometheus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import io.kafkademo.prometheus.Dashboard.Query;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The proof on real data: a real Prometheus, configured with prometheus.yml's pod scrape job and the rule file,
 * scrapes a running Service A / Service B pair on the test broker every second; then every query of the dashboard and
 * every recording rule must return data, and the rules must evaluate cleanly.
 * <p>
 * There is no cluster here, and Debian's Prometheus has no Kubernetes discovery: the pods are "discovered" from a file
 * with the meta labels Kubernetes discovery (role pod) gives them, so the job's relabelling runs verbatim.
 */
class DashboardAndRulesOnRunningServicesTests {

	private static final String NAMESPACE = "kafka-demo";

	private static final String SERVICE_A = "kafka-demo-service-a";

	private static final String SERVICE_B = "kafka-demo-service-b";

	private static final String POD_A = "kafka-demo-service-a-6d5f8b7c9-x2x4q";

	private static final String POD_B = "kafka-demo-service-b-7b9c4d6f8-k8m2p";

	/** Queries of series that cannot exist here: they are checked for parsing only. */
	private static final Map<String, String> NOT_ON_THIS_MACHINE = Map.of("kafka_server_",
			"Amazon MSK broker metric (open-monitoring JMX exporter): there is no MSK broker here", "kube_",
			"kube-state-metrics metric: there is no Kubernetes cluster here");

	private static final byte[] INVALID_UTF8 = { 'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, (byte) 0xFF };

	private static final Duration DATA_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	static Path workDir;

	private static Topology topology;

	private static RunningService serviceA;

	private static RunningService serviceB;

	private static PrometheusServer prometheus;

	@BeforeAll
	static void startServicesAndPrometheus() throws Exception {
		ExternalTool.require("prometheus");
		topology = TestKafka.provision("prometheus");
		serviceA = RunningService.start(SERVICE_A, withTraffic(topology.serviceA(POD_A)));
		serviceB = RunningService.start(SERVICE_B, withTraffic(topology.serviceB(POD_B)));
		Path pods = workDir.resolve("pods.json");
		Files.writeString(pods, MonitoringFiles.JSON.writeValueAsString(List.of(
				new DiscoveredPod(POD_A, SERVICE_A, "http", "Running", address(serviceA)).targetGroup(),
				new DiscoveredPod(POD_B, SERVICE_B, "http", "Running", address(serviceB)).targetGroup(),
				// What the job must drop: another port of a service pod, another application, a completed pod.
				new DiscoveredPod(POD_A, SERVICE_A, "jmx", "Running", "127.0.0.1:1").targetGroup(),
				new DiscoveredPod("other-app-5c7d9-abcde", "other-app", "http", "Running", "127.0.0.1:2").targetGroup(),
				new DiscoveredPod("kafka-demo-service-a-6d5f8b7c9-old01", SERVICE_A, "http", "Succeeded", "127.0.0.1:3")
					.targetGroup())));
		prometheus = PrometheusServer.start(testConfig(pods), workDir);
		// A tombstone and an unprocessable record for each consumer: the skipped and dead-letter series get data. Only
		// once Prometheus has seen the dead-letter counters at zero, as it would in production: increase() cannot see
		// an increment that happened before a series' first sample.
		await().atMost(DATA_TIMEOUT)
			.until(() -> results(prometheus.query("kafka_demo_messages_dead_lettered_total")).size() == 4);
		sendTombstoneAndPoisonPill(topology.barTopic());
		sendTombstoneAndPoisonPill(topology.fooTopic());
	}

	@AfterAll
	static void stop() {
		if (prometheus != null) {
			prometheus.close();
		}
		if (serviceA != null) {
			serviceA.close();
		}
		if (serviceB != null) {
			serviceB.close();
		}
	}

	@Test
	void scrapesTheServicePodsHttpPortWithTheirKubernetesLabels() {
		await().atMost(DATA_TIMEOUT).untilAsserted(() -> {
			JsonNode targets = prometheus.get("/api/v1/targets").path("data");
			assertThat(targets.path("activeTargets").values()).hasSize(2)
				.allSatisfy((target) -> assertThat(target.path("health").asString()).isEqualTo("up"));
			assertThat(targets.path("droppedTargets").values()).hasSize(3);
		});
		List<Map<String, String>> labels = new ArrayList<>();
		for (JsonNode target : prometheus.get("/api/v1/targets").path("data").path("activeTargets").values()) {
			labels.add(MonitoringFiles.JSON.convertValue(target.path("labels"), Map.class));
		}
		assertThat(labels).containsExactlyInAnyOrder(
				Map.of("job", SERVICE_A, "app", SERVICE_A, "namespace", NAMESPACE, "pod", POD_A, "container", SERVICE_A,
						"instance", address(serviceA)),
				Map.of("job", SERVICE_B, "app", SERVICE_B, "namespace", NAMESPACE, "pod", POD_B, "container", SERVICE_B,
						"instance", address(serviceB)));
		// The services' own application label is kept as it is, not renamed to exported_application.
		assertThat(results(prometheus.query("kafka_demo_messages_produced_total{application=\"" + SERVICE_A
				+ "\", pod=\"" + POD_A + "\", exported_application=\"\"}"))).isNotEmpty();
	}

	@Test
	void dashboardVariablesListTheRunningServices() {
		Dashboard dashboard = Dashboard.load();
		Map<String, List<String>> expected = Map.of("namespace", List.of(NAMESPACE), "application",
				List.of(SERVICE_A, SERVICE_B), "pod", List.of(POD_A, POD_B));
		await().atMost(DATA_TIMEOUT).untilAsserted(() -> {
			for (Map.Entry<String, List<String>> variable : expected.entrySet()) {
				Dashboard.LabelValues query = Dashboard.labelValues(dashboard.variable(variable.getKey()));
				JsonNode values = prometheus.get("/api/v1/label/" + query.label() + "/values?match[]="
						+ URLEncoder.encode(GrafanaVariables.ALL.interpolate(query.selector()), StandardCharsets.UTF_8));
				assertThat(values.path("data").values()).as(variable.getKey())
					.map(JsonNode::asString)
					.containsAll(variable.getValue());
			}
		});
	}

	@Test
	void everyServiceQueryOfTheDashboardReturnsData() {
		List<Query> queries = Dashboard.load().queries().stream().filter((query) -> reasonNotHere(query) == null).toList();
		assertThat(queries).hasSizeGreaterThan(20);
		List<GrafanaVariables> selections = List.of(GrafanaVariables.ALL,
				new GrafanaVariables(NAMESPACE, SERVICE_A, POD_A), new GrafanaVariables(NAMESPACE, SERVICE_B, POD_B));
		await().atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<String> withoutData = new ArrayList<>();
			for (GrafanaVariables variables : selections) {
				for (Query query : queries) {
					String expr = variables.interpolate(query.expr());
					JsonNode response = prometheus.query(expr);
					if (!"success".equals(response.path("status").asString()) || results(response).isEmpty()) {
						withoutData.add(query + "\n    as " + expr + "\n    -> " + response);
					}
				}
			}
			assertThat(withoutData).as("queries without data").isEmpty();
		});
	}

	@Test
	void brokerAndClusterQueriesOfTheDashboardParse() {
		List<Query> queries = Dashboard.load().queries().stream().filter((query) -> reasonNotHere(query) != null).toList();
		assertThat(queries).as("MSK and kube-state-metrics queries").hasSizeGreaterThanOrEqualTo(4);
		for (Query query : queries) {
			// Parsing only: reasonNotHere(query) says why there is no data to expect.
			JsonNode response = prometheus.query(GrafanaVariables.ALL.interpolate(query.expr()));
			assertThat(response.path("status").asString()).as(query + " (" + reasonNotHere(query) + "): " + response)
				.isEqualTo("success");
		}
	}

	@Test
	void everyRecordingRuleReturnsData() {
		List<Map<String, Object>> recordingRules = rules().stream().filter((rule) -> rule.containsKey("record")).toList();
		assertThat(recordingRules).isNotEmpty();
		await().atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Map<String, Object> rule : recordingRules) {
				String expr = (String) rule.get("expr");
				assertThat(results(prometheus.query(expr))).as("%s: %s", rule.get("record"), expr).isNotEmpty();
				// ...and what the rule manager recorded from it.
				assertThat(results(prometheus.query((String) rule.get("record")))).as("%s recorded", rule.get("record"))
					.isNotEmpty();
			}
		});
	}

	@Test
	void everyRuleEvaluatesWithoutError() {
		int rules = rules().size();
		await().atMost(DATA_TIMEOUT).untilAsserted(() -> {
			List<JsonNode> evaluated = new ArrayList<>();
			for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups").values()) {
				evaluated.addAll(group.path("rules").values());
			}
			assertThat(evaluated).hasSize(rules)
				.allSatisfy((rule) -> assertThat(rule.path("health").asString()).as(rule.toString()).isEqualTo("ok"));
		});
	}

	@Test
	void consumerLagIsRecordedPerPartitionWithItsGroup() {
		// Micrometer binds the partition-level client metrics at its first refresh after the assignment (within 60 s).
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, String> partitionsPerGroup = new LinkedHashMap<>();
			for (JsonNode sample : results(prometheus.query(
					"count by (group, topic) (kafka_demo:consumer_records_lag_max:max{partition=~\"[0-9]+\"})"))) {
				partitionsPerGroup.put(sample.path("metric").path("group").asString() + " "
						+ sample.path("metric").path("topic").asString(), sample.path("value").path(1).asString());
			}
			assertThat(partitionsPerGroup).isEqualTo(Map.of(topology.groupA() + " " + topology.barTopic(), "3",
					topology.groupB() + " " + topology.fooTopic(), "3"));
		});
	}

	@Test
	void deadLetteredRecordsFireTheirAlertWhileHealthAlertsStayQuiet() {
		// KafkaDemoDeadLetterDropped instead means the services could not write to <topic>.DLT.
		await().atMost(DATA_TIMEOUT).untilAsserted(() -> assertThat(results(prometheus.query(
				"ALERTS{alertname=~\"KafkaDemoMessagesDeadLettered|KafkaDemoDeadLetterDropped\", alertstate=\"firing\"}")))
			.map((alert) -> alert.path("metric").path("alertname").asString() + " "
					+ alert.path("metric").path("application").asString() + " "
					+ alert.path("metric").path("topic").asString())
			.containsExactlyInAnyOrder("KafkaDemoMessagesDeadLettered " + SERVICE_A + " " + topology.barTopic(),
					"KafkaDemoMessagesDeadLettered " + SERVICE_B + " " + topology.fooTopic()));
		assertThat(results(prometheus.query("ALERTS{alertname=~\"KafkaDemoTopicNotConsumed|KafkaDemoConsumerLagHigh"
				+ "|KafkaDemoConsumerMetricsAbsent|KafkaDemoAuthenticationFailures|KafkaDemoProduceFailures"
				+ "|KafkaDemoDeadLetterDropped|KafkaDemoTargetDown\"}")))
			.as("alerts of a healthy pair")
			.isEmpty();
	}

	private static String reasonNotHere(Query query) {
		return NOT_ON_THIS_MACHINE.entrySet()
			.stream()
			.filter((entry) -> query.expr().contains(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private static List<JsonNode> results(JsonNode response) {
		return List.copyOf(response.path("data").path("result").values());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) MonitoringFiles.yaml(MonitoringFiles.RULES)
			.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	/** prometheus.yml's pod job, fed from {@code pods}, with 1 s scrapes and rule evaluations. */
	private static Path testConfig(Path pods) {
		Map<String, Object> cluster = PrometheusConfigs.clusterConfig(pods);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"));
		config.put("rule_files", cluster.get("rule_files"));
		config.put("scrape_configs", List.of(PrometheusConfigs.scrapeJob(cluster, "kafka-demo-app")));
		return PrometheusConfigs.write(config, workDir.resolve("prometheus.yml"));
	}

	private static Map<String, String> withTraffic(Map<String, String> environment) {
		environment.put("MSG_FREQ", "200ms");
		return environment;
	}

	private static String address(RunningService service) {
		return "127.0.0.1:" + service.context().getEnvironment().getProperty("local.server.port");
	}

	private static void sendTombstoneAndPoisonPill(String topic) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().internalBootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, "key".getBytes(StandardCharsets.UTF_8), null)).get();
			producer.send(new ProducerRecord<>(topic, null, INVALID_UTF8)).get();
		}
	}

	/** A pod's container port as Kubernetes service discovery (role pod) presents it to relabelling. */
	private record DiscoveredPod(String name, String app, String portName, String phase, String address) {

		Map<String, Object> targetGroup() {
			return Map.of("targets", List.of(this.address), "labels",
					Map.of("__meta_kubernetes_namespace", NAMESPACE, "__meta_kubernetes_pod_name", this.name,
							"__meta_kubernetes_pod_label_app", this.app, "__meta_kubernetes_pod_container_name",
							this.app, "__meta_kubernetes_pod_container_port_name", this.portName,
							"__meta_kubernetes_pod_phase", this.phase, "__meta_kubernetes_pod_ready", "true"));
		}

	}

}
