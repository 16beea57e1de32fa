package io.kafkademo.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplicaMetricsTests {

	private static final String SCRAPE = """
			# HELP kafka_demo_messages_produced_total Messages the broker acknowledged
			# TYPE kafka_demo_messages_produced_total counter
			kafka_demo_messages_produced_total{application="kafka-demo-service-a",topic="foo-topic"} 45.0
			kafka_demo_messages_consumed_total{application="kafka-demo-service-a",group="consumer-group-A",topic="bar-topic"} 22.0
			kafka_demo_message_failures_total{application="kafka-demo-service-a",stage="produce",topic="foo-topic"} 1.0
			kafka_demo_message_failures_total{application="kafka-demo-service-a",stage="consume",topic="bar-topic"} 2.0
			kafka_demo_partitions_assigned{application="kafka-demo-service-a"} 1.0
			kafka_demo_end_to_end_latency_seconds_bucket{application="kafka-demo-service-a",topic="bar-topic",le="+Inf"} 22
			jvm_info{runtime="OpenJDK \\"Runtime\\" Environment",vendor="Debian",version="17.0.15+6-Debian-1deb12u1"} 1
			process_uptime_seconds 61.5
			go_gc_nothing NaN
			""";

	@Test
	void readsTheDemoMetersSummedOverTheirLabels() {
		ReplicaMetrics metrics = ReplicaMetrics.parse(SCRAPE);

		assertThat(metrics.produced()).isEqualTo(45);
		assertThat(metrics.consumed()).isEqualTo(22);
		assertThat(metrics.failures()).isEqualTo(3);
		assertThat(metrics.partitionsAssigned()).isEqualTo(1);
		assertThat(metrics.sum("process_uptime_seconds")).isEqualTo(61.5);
		assertThat(metrics.sum("not_there")).isZero();
	}

	@Test
	void keepsLabelsWithEscapedQuotesAndSpecialValues() {
		ReplicaMetrics metrics = ReplicaMetrics.parse(SCRAPE);

		assertThat(metrics.samples("jvm_info")).singleElement().satisfies((sample) -> assertThat(sample.labels())
			.containsEntry("runtime", "OpenJDK \"Runtime\" Environment").containsEntry("vendor", "Debian"));
		assertThat(metrics.samples("kafka_demo_end_to_end_latency_seconds_bucket")).singleElement()
			.satisfies((sample) -> {
				assertThat(sample.labels()).containsEntry("le", "+Inf");
				assertThat(sample.value()).isEqualTo(22);
			});
		assertThat(metrics.samples("go_gc_nothing")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isNaN());
		assertThat(metrics.samples("kafka_demo_messages_produced_total").get(0).labels())
			.isEqualTo(Map.of("application", "kafka-demo-service-a", "topic", "foo-topic"));
	}

	@Test
	void rejectsWhatIsNotTheExpositionFormat() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplicaMetrics.parse("<html>404</html>"));
		assertThatIllegalArgumentException().isThrownBy(() -> ReplicaMetrics.parse("metric{label=\"open 1"));
		assertThatIllegalArgumentException().isThrownBy(() -> ReplicaMetrics.parse("metric one"));
	}

}
